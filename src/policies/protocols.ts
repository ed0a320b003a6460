// The protocols' articles in Postwijzer's own wording: public information.
import { definePolicy } from './types.ts';

export const protocolsPolicy = definePolicy({
  resource: 'protocols',
  title: 'Protocols',
  rules: {
    read: { who: 'public', summary: 'Read a protocol’s articles.' },
  },
});
