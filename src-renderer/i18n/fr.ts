export const fr = {
  'app.title': 'Passerelle',
  'app.tagline': 'Rapprocher les comptes de l’an dernier et les nouveaux comptes ONDE, sans rien perdre.',
  'info.heading': 'Cette installation',
  'info.version': 'Version',
  'info.host': 'Mode',
  'info.host.electron': 'Application de bureau',
  'info.host.browser': 'Navigateur (hôte local)',
  'info.host.cli': 'Ligne de commande',
  'info.dataDir': 'Dossier des données',
  'server.heading': 'Serveur de l’ENT',
  'server.url': 'Adresse',
  'server.reachable': 'Le serveur répond',
  'server.unreachable': 'Le serveur ne répond pas. Vérifiez la connexion puis réessayez.',
  'server.name': 'Serveur',
  'server.latency': 'Temps de réponse : {ms} ms',
  'server.check': 'Vérifier de nouveau',
  'loading': 'Chargement…',
  'language': 'Langue',
  'error.prefix': 'Erreur',
} as const;

export type MessageKey = keyof typeof fr;
