from enum import StrEnum

class PreferencesInPreferredChannelType0(StrEnum):
    EMAIL = "email"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
