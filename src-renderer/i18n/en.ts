import type { MessageKey } from './fr';

export const en: Record<MessageKey, string> = {
  'app.title': 'Passerelle',
  'app.tagline': 'Reconcile last year’s accounts with the new ONDE accounts, losing nothing.',
  'info.heading': 'This installation',
  'info.version': 'Version',
  'info.host': 'Mode',
  'info.host.electron': 'Desktop application',
  'info.host.browser': 'Browser (local host)',
  'info.host.cli': 'Command line',
  'info.dataDir': 'Data folder',
  'server.heading': 'ENT server',
  'server.url': 'Address',
  'server.reachable': 'The server answers',
  'server.unreachable': 'The server does not answer. Check the connection and try again.',
  'server.name': 'Server',
  'server.latency': 'Response time: {ms} ms',
  'server.check': 'Check again',
  'loading': 'Loading…',
  'language': 'Language',
  'error.prefix': 'Error',
};
