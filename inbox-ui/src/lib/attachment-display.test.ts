import { describe, expect, it } from 'vitest';
import { attachmentDisplay, recognizedText, thumbnailSize } from './attachment-display';

describe('attachmentDisplay', () => {
  it('shows kept photos, voice and video inline, other kept files as downloads', () => {
    expect(attachmentDisplay({ kind: 'photo', mimeType: 'image/jpeg', storageKey: 'k' })).toEqual({ as: 'image' });
    expect(attachmentDisplay({ kind: 'photo', storageKey: 'k' })).toEqual({ as: 'image' });
    expect(attachmentDisplay({ kind: 'voice', mimeType: 'audio/ogg', storageKey: 'k' })).toEqual({ as: 'audio' });
    expect(attachmentDisplay({ kind: 'video_note', storageKey: 'k' })).toEqual({ as: 'video' });
    expect(attachmentDisplay({ kind: 'document', mimeType: 'application/pdf', storageKey: 'k' })).toEqual({ as: 'file' });
    // An SVG is never rendered inline (it can carry script); it is a download.
    expect(attachmentDisplay({ kind: 'image', mimeType: 'image/svg+xml', storageKey: 'k' })).toEqual({ as: 'file' });
  });

  it('says a file is still being saved, or why it was not kept', () => {
    expect(attachmentDisplay({ kind: 'photo', fileId: 'AgAC' })).toEqual({ as: 'pending' });
    expect(attachmentDisplay({ kind: 'photo', fileId: 'AgAC', skipped: 'too large' })).toEqual({ as: 'skipped', reason: 'attachment.skipped' });
    expect(attachmentDisplay({ kind: 'voice', fileId: 'x', skipped: 'expired' })).toEqual({ as: 'skipped', reason: 'attachment.skippedExpired' });
    expect(attachmentDisplay({ kind: 'file', fileId: 'x', skipped: 'failed' })).toEqual({ as: 'skipped', reason: 'attachment.skippedFailed' });
    expect(attachmentDisplay({ kind: 'file', skipped: 'virus' })).toEqual({ as: 'skipped', reason: 'attachment.skippedOther' });
    expect(attachmentDisplay({ kind: 'file', fileName: 'a.pdf' })).toEqual({ as: 'label' });
  });
});

describe('thumbnailSize', () => {
  it('keeps the aspect ratio within the box and never enlarges', () => {
    expect(thumbnailSize({ width: 720, height: 1280 })).toEqual({ width: 135, height: 240 });
    expect(thumbnailSize({ width: 1280, height: 720 })).toEqual({ width: 240, height: 135 });
    expect(thumbnailSize({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
    expect(thumbnailSize({})).toEqual({ width: 240, height: 180 });
  });
});

describe('recognizedText', () => {
  it('reads the platform’s recognized speech when there is some', () => {
    expect(recognizedText({ recognition: ' 电梯又坏了 ' })).toBe('电梯又坏了');
    expect(recognizedText({ recognition: '' })).toBeNull();
    expect(recognizedText({})).toBeNull();
    expect(recognizedText(undefined)).toBeNull();
  });
});
