// The media pipeline (docs/media.md): upload checks, metadata, faces (detection only), blur.
export { inspectMedia, redactMedia, redactImage, chooseFaces } from './service.ts';
export type { BlurChoice, InspectOptions, RedactOptions } from './service.ts';
export { acceptUpload } from './upload.ts';
export type { AcceptedUpload } from './upload.ts';
export { MediaError } from './errors.ts';
export type { MediaErrorCode } from './errors.ts';
export { warmUpFaceDetector, closeFaceDetector } from './detector.ts';
export { LIMITS } from './limits.ts';
export type { Box, Face, MediaFormat, MediaInfo, MediaKind, MetadataReport, RedactedMedia } from './types.ts';
