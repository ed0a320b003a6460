// The server itself: the start page, its scripts, the API description and the health check.
import { definePolicy } from './types.ts';

export const systemPolicy = definePolicy({
  resource: 'system',
  title: 'Server',
  rules: {
    page: { who: 'public', summary: 'Open the start page and its scripts and styles.' },
    docs: { who: 'public', summary: 'Read the API description (OpenAPI).' },
    health: { who: 'public', summary: 'Ask whether the server and its database are up.' },
  },
});
