from enum import StrEnum

class PublicInvitationOutLanguageType0(StrEnum):
    EN = "en"
    ZH_CN = "zh-CN"

    def __str__(self) -> str:
        return str(self.value)
