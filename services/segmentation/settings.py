from shared.settings import PlatformSettings, load_settings


class SegmentationSettings(PlatformSettings):
    rescore_batch_size: int = 2000
    # Customers per batch of the monthly snapshot (each batch one transaction with its progress).
    snapshot_batch_size: int = 20_000


def segmentation_settings(**overrides) -> SegmentationSettings:
    return load_settings(SegmentationSettings, "segmentation", **overrides)
