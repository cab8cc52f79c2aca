from enum import StrEnum

class Channel(StrEnum):
    APP = "app"
    COMMUNITY = "community"
    EMAIL = "email"
    PHONE = "phone"
    SURVEY = "survey"
    WEB = "web"

    def __str__(self) -> str:
        return str(self.value)
