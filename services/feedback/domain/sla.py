"""SLA targets, clocks and escalation steps (docs/design.md §5): pure rules fed plain values.

The target of a ticket is the stricter of its priority row and its tier row; P1 and VIP
clocks run around the clock, the others on the business calendar. Escalation: a warning at
80% of a target (level 0), the breach (level 1, team lead), half a target after the breach
(level 2, task force).

Three metrics: first response, resolution, and next reply (after each customer message the team
owes a reply, as Zendesk's next reply time, Chatwoot's next response time or Zammad's update
time). A row's next-reply target defaults to its first-response target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from services.feedback.domain.calendar import MAX_DAYS_SCANNED, BusinessCalendar, Clock, RoundTheClock


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class Tier(StrEnum):
    VIP = "VIP"
    KEY = "Key"
    REGULAR = "Regular"
    OBSERVATION = "Observation"


# Strictest first: a customer moving up this list gets tighter targets.
TIER_STRICTNESS = {Tier.VIP: 3, Tier.KEY: 2, Tier.REGULAR: 1, Tier.OBSERVATION: 0}


class Metric(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
    NEXT_REPLY = "next_reply"


class Level(IntEnum):
    WARNING = 0
    BREACH = 1
    TASK_FORCE = 2


STEP_NAMES = {Level.WARNING: "warning", Level.BREACH: "breach", Level.TASK_FORCE: "task-force"}


@dataclass(frozen=True)
class Targets:
    """Hours for each metric; None means the row sets no cap for that metric. The next-reply
    target, unless set, is the row's first-response target."""

    first_response: float | None
    resolution: float | None
    next_reply: float | None = None

    def hours(self, metric: Metric) -> float | None:
        if metric is Metric.FIRST_RESPONSE:
            return self.first_response
        if metric is Metric.NEXT_REPLY:
            return self.next_reply if self.next_reply is not None else self.first_response
        return self.resolution


# docs/design.md §5, first table: targets by priority.
PRIORITY_TARGETS: dict[Priority, Targets] = {
    Priority.P1: Targets(first_response=2, resolution=24),
    Priority.P2: Targets(first_response=4, resolution=48),
    Priority.P3: Targets(first_response=12, resolution=72),
}
# docs/design.md §5, second table: caps by tier (Observation has no resolution cap).
TIER_CAPS: dict[Tier, Targets] = {
    Tier.VIP: Targets(first_response=2, resolution=4),
    Tier.KEY: Targets(first_response=8, resolution=24),
    Tier.REGULAR: Targets(first_response=24, resolution=48),
    Tier.OBSERVATION: Targets(first_response=48, resolution=None),
}


@dataclass(frozen=True)
class CalendarConfig:
    timezone: str = "Asia/Shanghai"
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    use_chinese_calendar: bool = True

    def business_calendar(self) -> BusinessCalendar:
        return BusinessCalendar(
            timezone=self.timezone, work_start=self.work_start, work_end=self.work_end,
            holidays=self.holidays, workdays=self.workdays,
            use_chinese_calendar=self.use_chinese_calendar,
        )


@dataclass(frozen=True)
class SlaPolicy:
    priority_targets: dict[Priority, Targets] = field(default_factory=lambda: dict(PRIORITY_TARGETS))
    tier_caps: dict[Tier, Targets] = field(default_factory=lambda: dict(TIER_CAPS))
    round_the_clock_priorities: frozenset[Priority] = frozenset({Priority.P1})
    round_the_clock_tiers: frozenset[Tier] = frozenset({Tier.VIP})
    warning_ratio: float = 0.8
    task_force_after_ratio: float = 0.5
    calendar: CalendarConfig = field(default_factory=CalendarConfig)
    # A customer message reopens a closed ticket within this many days of its closing; later it
    # belongs on a new ticket (409).
    reopen_closed_within_days: int = 7


@dataclass(frozen=True)
class AppliedTarget:
    metric: Metric
    hours: float
    source: str  # "priority" or "tier": which row was stricter
    priority_hours: float | None
    tier_hours: float | None


@dataclass(frozen=True)
class AppliedSla:
    priority: Priority
    tier: Tier | None
    first_response: AppliedTarget
    resolution: AppliedTarget
    next_reply: AppliedTarget
    round_the_clock: bool

    def target(self, metric: Metric) -> AppliedTarget:
        return {Metric.FIRST_RESPONSE: self.first_response, Metric.RESOLUTION: self.resolution,
                Metric.NEXT_REPLY: self.next_reply}[metric]

    def explain(self) -> dict[str, Any]:
        """Which rows applied and why, as shown on the ticket."""
        return {
            "priority_row": self.priority.value,
            "tier_row": self.tier.value if self.tier else None,
            "round_the_clock": self.round_the_clock,
            **{
                t.metric.value: {
                    "hours": t.hours, "from": t.source,
                    "priority_hours": t.priority_hours, "tier_hours": t.tier_hours,
                }
                for t in (self.first_response, self.resolution, self.next_reply)
            },
        }


def _stricter(metric: Metric, by_priority: Targets, by_tier: Targets | None) -> AppliedTarget:
    p_hours = by_priority.hours(metric)
    t_hours = by_tier.hours(metric) if by_tier else None
    if p_hours is None and t_hours is None:
        raise ValueError(f"no target for {metric.value}: the priority row must set one")
    if t_hours is not None and (p_hours is None or t_hours < p_hours):
        return AppliedTarget(metric, t_hours, "tier", p_hours, t_hours)
    return AppliedTarget(metric, p_hours, "priority", p_hours, t_hours)  # type: ignore[arg-type]


def applied_sla(priority: Priority, tier: Tier | None, policy: SlaPolicy) -> AppliedSla:
    """The stricter of the priority row and the tier row, per metric, and the clock it runs on."""
    by_priority = policy.priority_targets[priority]
    by_tier = policy.tier_caps.get(tier) if tier else None
    return AppliedSla(
        priority=priority,
        tier=tier,
        first_response=_stricter(Metric.FIRST_RESPONSE, by_priority, by_tier),
        resolution=_stricter(Metric.RESOLUTION, by_priority, by_tier),
        next_reply=_stricter(Metric.NEXT_REPLY, by_priority, by_tier),
        round_the_clock=(
            priority in policy.round_the_clock_priorities
            or (tier is not None and tier in policy.round_the_clock_tiers)
        ),
    )


def clock_for(sla: AppliedSla, policy: SlaPolicy) -> Clock:
    return RoundTheClock() if sla.round_the_clock else policy.calendar.business_calendar()


@dataclass(frozen=True)
class Deadlines:
    """When each escalation step of one metric falls due."""

    warning_at: datetime
    due_at: datetime
    task_force_at: datetime

    def at(self, level: Level) -> datetime:
        return (self.warning_at, self.due_at, self.task_force_at)[level]

    def tightened(self, other: Deadlines) -> Deadlines:
        """Each step at the earlier of the two: a re-evaluated clock only ever moves forward."""
        return Deadlines(min(self.warning_at, other.warning_at), min(self.due_at, other.due_at),
                         min(self.task_force_at, other.task_force_at))


def deadlines(start: datetime, hours: float, clock: Clock, policy: SlaPolicy) -> Deadlines:
    """Warning at `warning_ratio` of the target, breach at the target, level 2 half a target later."""
    target = timedelta(hours=hours)
    due = clock.add(start, target)
    return Deadlines(
        warning_at=clock.add(start, target * policy.warning_ratio),
        due_at=due,
        task_force_at=clock.add(due, target * policy.task_force_after_ratio),
    )


def resume_after_pause(moment: datetime, paused_at: datetime, resumed_at: datetime, clock: Clock) -> datetime:
    """Shift a deadline by the pause: the counted time left at the pause is counted again from the resume.

    A deadline already passed when the ticket was paused stays where it was (the breach stands).
    """
    if moment <= paused_at:
        return moment
    return clock.add(resumed_at, clock.elapsed(paused_at, moment))


def steps_due(deadlines_: Deadlines, last_level: int, now: datetime) -> list[Level]:
    """Escalation steps whose time has come and that were not taken yet, in order."""
    return [level for level in Level if level > last_level and deadlines_.at(level) <= now]


def next_step_at(deadlines_: Deadlines, last_level: int) -> datetime | None:
    pending = [deadlines_.at(level) for level in Level if level > last_level]
    return min(pending) if pending else None


def is_stricter_tier(new: Tier | None, old: Tier | None) -> bool:
    """True when the new tier's row can only tighten targets (a customer moving up)."""
    if new is None:
        return False
    if old is None:
        return True
    return TIER_STRICTNESS[new] > TIER_STRICTNESS[old]


# --- policy as data: the document GET/PUT /v1/sla-policy exchanges ---

def policy_to_document(policy: SlaPolicy) -> dict[str, Any]:
    def targets(t: Targets) -> dict[str, float | None]:
        return {"first_response_hours": t.first_response, "resolution_hours": t.resolution,
                "next_reply_hours": t.next_reply}

    cal = policy.calendar
    return {
        "priority_targets": {p.value: targets(t) for p, t in policy.priority_targets.items()},
        "tier_caps": {t.value: targets(v) for t, v in policy.tier_caps.items()},
        "round_the_clock": {
            "priorities": sorted(p.value for p in policy.round_the_clock_priorities),
            "tiers": sorted(t.value for t in policy.round_the_clock_tiers),
        },
        "escalation": {
            "warning_ratio": policy.warning_ratio,
            "task_force_after_ratio": policy.task_force_after_ratio,
        },
        "calendar": {
            "timezone": cal.timezone,
            "work_start": cal.work_start.strftime("%H:%M"),
            "work_end": cal.work_end.strftime("%H:%M"),
            "holidays": sorted(d.isoformat() for d in cal.holidays),
            "workdays": sorted(d.isoformat() for d in cal.workdays),
            "use_chinese_calendar": cal.use_chinese_calendar,
        },
        "reopening": {"closed_within_days": policy.reopen_closed_within_days},
    }


def policy_from_document(doc: dict[str, Any]) -> SlaPolicy:
    """Build a policy from its document; raises ValueError naming the bad part."""

    def targets(raw: dict[str, Any], where: str) -> Targets:
        return Targets(
            first_response=raw.get("first_response_hours"), resolution=raw.get("resolution_hours"),
            next_reply=raw.get("next_reply_hours"),
        )

    priority_targets = {Priority(k): targets(v, k) for k, v in doc["priority_targets"].items()}
    missing = set(Priority) - set(priority_targets)
    if missing:
        raise ValueError(f"priority_targets: missing {sorted(m.value for m in missing)}")
    for p, t in priority_targets.items():
        if t.first_response is None or t.resolution is None:
            raise ValueError(f"priority_targets.{p.value}: both targets are required")
    cal = doc.get("calendar", {})
    default_cal = CalendarConfig()
    calendar = CalendarConfig(
        timezone=cal.get("timezone", default_cal.timezone),
        work_start=time.fromisoformat(cal.get("work_start", "09:00")),
        work_end=time.fromisoformat(cal.get("work_end", "18:00")),
        holidays=frozenset(date.fromisoformat(d) for d in cal.get("holidays", [])),
        workdays=frozenset(date.fromisoformat(d) for d in cal.get("workdays", [])),
        use_chinese_calendar=cal.get("use_chinese_calendar", True),
    )
    calendar.business_calendar()  # validates the zone and the hours
    rtc = doc.get("round_the_clock", {})
    escalation = doc.get("escalation", {})
    policy = SlaPolicy(
        priority_targets=priority_targets,
        tier_caps={Tier(k): targets(v, k) for k, v in doc.get("tier_caps", {}).items()},
        round_the_clock_priorities=frozenset(Priority(p) for p in rtc.get("priorities", ["P1"])),
        round_the_clock_tiers=frozenset(Tier(t) for t in rtc.get("tiers", ["VIP"])),
        warning_ratio=float(escalation.get("warning_ratio", 0.8)),
        task_force_after_ratio=float(escalation.get("task_force_after_ratio", 0.5)),
        calendar=calendar,
        reopen_closed_within_days=int(doc.get("reopening", {}).get("closed_within_days", 7)),
    )
    check_reachable(policy)
    return policy


# Share of calendar days that are working days, kept low on purpose: weekends, public holidays
# and the configured days off.
WORKING_DAY_SHARE = 0.6


def check_reachable(policy: SlaPolicy) -> None:
    """Every escalation step must fall within the years the business calendar scans: a target of
    thousands of hours with a late task force would otherwise fail every ticket it applies to."""
    cal = policy.calendar
    daily_hours = (cal.work_end.hour * 60 + cal.work_end.minute - cal.work_start.hour * 60
                   - cal.work_start.minute) / 60
    horizon = MAX_DAYS_SCANNED * WORKING_DAY_SHARE * daily_hours
    rows = [(f"priority_targets.{p.value}", t) for p, t in policy.priority_targets.items()]
    rows += [(f"tier_caps.{tier.value}", t) for tier, t in policy.tier_caps.items()]
    for where, row in rows:
        for metric in Metric:
            hours = row.hours(metric)
            if hours is not None and hours * (1 + policy.task_force_after_ratio) > horizon:
                raise ValueError(
                    f"{where}.{metric.value}_hours: {hours:g} h, with the task force "
                    f"{policy.task_force_after_ratio:g} of a target later, ends beyond the "
                    f"{horizon:,.0f} working hours the business calendar can count")
