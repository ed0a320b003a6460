// Photos, film and sound attached to a draft: whoever may post at the school uploads; only the
// uploader sees, tags and blurs their own uploads (they hold children's faces).
import { ROLES } from './roles.ts';
import type { Actor } from './types.ts';
import { definePolicy } from './types.ts';

export const mediaPolicy = definePolicy({
  resource: 'media',
  title: 'Photos, film and sound',
  rules: {
    upload: { who: ROLES, summary: 'Upload a photo, video or sound file for a post: metadata is stripped, faces are found (detection only).' },
    use: {
      who: ROLES,
      summary: 'See, download, tag and blur an upload.',
      condition: 'one’s own uploads only',
    },
  },
});

export function canUseMedia(actor: Actor, item: { accountId: string }): boolean {
  return item.accountId === actor.accountId;
}
