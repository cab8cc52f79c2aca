from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.preferences_in_language_type_0 import PreferencesInLanguageType0
from ..models.preferences_in_opted_out_item import PreferencesInOptedOutItem
from ..models.preferences_in_preferred_channel_type_0 import PreferencesInPreferredChannelType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PreferencesIn")



@_attrs_define
class PreferencesIn:
    """ 
        Attributes:
            consent (bool | Unset):  Default: True.
            opted_out (list[PreferencesInOptedOutItem] | Unset): Channels opted out of
            preferred_channel (None | PreferencesInPreferredChannelType0 | Unset):
            language (None | PreferencesInLanguageType0 | Unset):
     """

    consent: bool | Unset = True
    opted_out: list[PreferencesInOptedOutItem] | Unset = UNSET
    preferred_channel: None | PreferencesInPreferredChannelType0 | Unset = UNSET
    language: None | PreferencesInLanguageType0 | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        consent = self.consent

        opted_out: list[str] | Unset = UNSET
        if not isinstance(self.opted_out, Unset):
            opted_out = []
            for opted_out_item_data in self.opted_out:
                opted_out_item = opted_out_item_data.value
                opted_out.append(opted_out_item)



        preferred_channel: None | str | Unset
        if isinstance(self.preferred_channel, Unset):
            preferred_channel = UNSET
        elif isinstance(self.preferred_channel, PreferencesInPreferredChannelType0):
            preferred_channel = self.preferred_channel.value
        else:
            preferred_channel = self.preferred_channel

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, PreferencesInLanguageType0):
            language = self.language.value
        else:
            language = self.language


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if consent is not UNSET:
            field_dict["consent"] = consent
        if opted_out is not UNSET:
            field_dict["opted_out"] = opted_out
        if preferred_channel is not UNSET:
            field_dict["preferred_channel"] = preferred_channel
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent = d.pop("consent", UNSET)

        _opted_out = d.pop("opted_out", UNSET)
        opted_out: list[PreferencesInOptedOutItem] | Unset = UNSET
        if _opted_out is not UNSET:
            opted_out = []
            for opted_out_item_data in _opted_out:
                opted_out_item = PreferencesInOptedOutItem(opted_out_item_data)



                opted_out.append(opted_out_item)


        def _parse_preferred_channel(data: object) -> None | PreferencesInPreferredChannelType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_channel_type_0 = PreferencesInPreferredChannelType0(data)



                return preferred_channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreferencesInPreferredChannelType0 | Unset, data)

        preferred_channel = _parse_preferred_channel(d.pop("preferred_channel", UNSET))


        def _parse_language(data: object) -> None | PreferencesInLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = PreferencesInLanguageType0(data)



                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreferencesInLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        preferences_in = cls(
            consent=consent,
            opted_out=opted_out,
            preferred_channel=preferred_channel,
            language=language,
        )

        return preferences_in

