/**
 * Units for durations, sizes and data rates. Props accept either a unit object or text
 * (`"15m"`, `"500GiB"`, `"622Mbps"`), hence the `*Like` types.
 */
export { Duration } from './duration';
export type { DurationLike, DurationConversionOptions } from './duration';
export { Size } from './size';
export type { SizeLike, SizeConversionOptions, SizeRounding, UnitFamily } from './size';
export { DataRate } from './data-rate';
export type { DataRateLike } from './data-rate';
export { ChangeRate, DEFAULT_MAX_ROWS } from './change-rate';
export type {
  ChangeKind,
  ChangeRateCsvOptions,
  ChangeRateOptions,
  ChangeRateSamplesOptions,
  ChangeRateSummary,
  ChangeSample,
  ChangeSampleBytes,
  ChangeSampleRate,
  SampleTimestamps,
} from './change-rate';
