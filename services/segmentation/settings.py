from shared.settings import PlatformSettings, load_settings


class SegmentationSettings(PlatformSettings):
    rescore_batch_size: int = 2000


def segmentation_settings(**overrides) -> SegmentationSettings:
    return load_settings(SegmentationSettings, "segmentation", **overrides)
