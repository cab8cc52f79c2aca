from enum import StrEnum

class ContactInChannel(StrEnum):
    APP = "app"
    EMAIL = "email"
    INTERNAL = "internal"
    LETTER = "letter"
    MEETING = "meeting"
    PHONE = "phone"
    REPORT = "report"
    SMS = "sms"
    SURVEY = "survey"
    TRAINING = "training"
    VISIT = "visit"

    def __str__(self) -> str:
        return str(self.value)
