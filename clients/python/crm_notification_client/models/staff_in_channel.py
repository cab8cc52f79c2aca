from enum import StrEnum

class StaffInChannel(StrEnum):
    DINGTALK = "dingtalk"
    EMAIL = "email"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
