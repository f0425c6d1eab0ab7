/**
 * French name data for the generator and for the matching engine's nickname table.
 * Official spellings (as ONDE has them), accents included.
 */

export const GIRL_FIRST_NAMES: readonly string[] = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila', 'Inès', 'Ambre', 'Julia',
  'Mia', 'Léna', 'Manon', 'Juliette', 'Lou', 'Zoé', 'Camille', 'Agathe', 'Jeanne', 'Lucie', 'Éva', 'Nina',
  'Sarah', 'Romane', 'Inaya', 'Charlotte', 'Léonie', 'Romy', 'Adèle', 'Iris', 'Louna', 'Victoire', 'Margaux',
  'Maëlle', 'Maëlys', 'Clémence', 'Gabrielle', 'Héloïse', 'Noémie', 'Océane', 'Anaïs', 'Élise', 'Capucine',
  'Apolline', 'Salomé', 'Clémentine', 'Elisa', 'Valentine', 'Nour', 'Yasmine', 'Aya', 'Kenza', 'Maryam',
  'Fatoumata', 'Aïcha', 'Jasmine', 'Thaïs', 'Mathilde', 'Élodie', 'Pauline', 'Marie-Lou', 'Anne-Sophie',
  'Marie-Ange', 'Lou-Anne', 'Léa-Rose', 'Alexandra', 'Gwenaëlle', 'Bérénice', 'Ophélie', 'Soline', 'Cassandre',
];

export const BOY_FIRST_NAMES: readonly string[] = [
  'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Jules', 'Adam', 'Maël', 'Lucas', 'Hugo', 'Noah', 'Liam',
  'Gabin', 'Sacha', 'Paul', 'Nathan', 'Aaron', 'Mohamed', 'Ethan', 'Tom', 'Éden', 'Léon', 'Noé', 'Tiago',
  'Théo', 'Isaac', 'Marius', 'Victor', 'Ayden', 'Martin', 'Naël', 'Mathis', 'Axel', 'Robin', 'Timéo', 'Enzo',
  'Marceau', 'Valentin', 'Nino', 'Eliott', 'Nolan', 'Malo', 'Milo', 'Antoine', 'Samuel', 'Augustin', 'Amir',
  'Rayan', 'Yanis', 'Ibrahim', 'Thomas', 'Maxime', 'Alexandre', 'Nicolas', 'Benjamin', 'Clément', 'Baptiste',
  'Mathéo', 'Kylian', 'Évan', 'Matthieu', 'Jérémy', 'Loïc', 'Anthony', 'Florian', 'Guillaume', 'Christopher',
  'Jean-Baptiste', 'Pierre-Louis', 'Jean-Pierre', 'Marc-Antoine', 'Paul-Henri', 'Louis-Marie', 'Jean-Eudes',
  'François', 'Sébastien', 'Aurélien', 'Timothée', 'Bastien', 'Ismaël', 'Souleymane', 'Mamadou', 'Youssef',
];

/** Official first name → short forms a teacher may type. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Thomas: ['Tom', 'Tommy'], Maxime: ['Max'], Maximilien: ['Max'], Alexandre: ['Alex'], Alexandra: ['Alex', 'Sandra'],
  Nicolas: ['Nico'], Benjamin: ['Ben', 'Benji'], Mathéo: ['Théo'], Timothée: ['Tim', 'Timo'], Christopher: ['Chris'],
  Guillaume: ['Guigui', 'Will'], Sébastien: ['Seb', 'Séb'], Anthony: ['Tony'], Florian: ['Flo'], Valentin: ['Val'],
  Valentine: ['Val'], Samuel: ['Sam'], Gabriel: ['Gaby', 'Gab'], Gabrielle: ['Gaby'], Raphaël: ['Raph'],
  Mohamed: ['Momo', 'Mo'], Ibrahim: ['Ibra'], Matthieu: ['Matt'], Jérémy: ['Jérem'], Augustin: ['Gus'],
  Charlotte: ['Charlie', 'Lotte'], Camille: ['Cam'], Juliette: ['Juju'], Mathilde: ['Mathou'], Élisabeth: ['Babeth', 'Lisa'],
  Clémentine: ['Clem', 'Clém'], Clémence: ['Clem', 'Clém'], Margaux: ['Margot'], Victoire: ['Vic'], Pauline: ['Popo'],
  Marius: ['Mario'], Antoine: ['Tonio', 'Toinou'], Baptiste: ['Bapt', 'Titi'], Bastien: ['Bast'], Cassandre: ['Cassie'],
  'Jean-Baptiste': ['JB', 'Jibé'], 'Pierre-Louis': ['PL'], 'Jean-Pierre': ['JP'], 'Marc-Antoine': ['MA'],
  'Paul-Henri': ['PH'], 'Louis-Marie': ['LM'], 'Anne-Sophie': ['AS'], 'Marie-Lou': ['Malou'], 'Lou-Anne': ['Louanne'],
  Noémie: ['Nono'], Océane: ['Oce'], Apolline: ['Polly'], Capucine: ['Capu'], Bérénice: ['Béré'], Élodie: ['Lodie'],
  Souleymane: ['Souley'], Youssef: ['Youss'], Kylian: ['Kyky'], Aurélien: ['Aurel'], François: ['Fanfan'],
};

/** Spellings of the same first name a teacher may use instead of the official one. */
export const SPELLING_VARIANTS: readonly (readonly string[])[] = [
  ['Mathis', 'Mathys', 'Matis', 'Mattis'], ['Rayan', 'Rayane', 'Raian'], ['Maël', 'Mael', 'Maëll'],
  ['Naël', 'Nael', 'Naëll'], ['Éden', 'Eden', 'Edenn'], ['Eliott', 'Elliott', 'Eliot', 'Elliot'],
  ['Ayden', 'Aiden', 'Ayden'], ['Kylian', 'Kilian', 'Killian', 'Kyllian'], ['Yanis', 'Yannis', 'Ianis'],
  ['Évan', 'Evann', 'Ewan'], ['Maëlys', 'Maelys', 'Maëlis', 'Maylis'], ['Louna', 'Luna', 'Lounah'],
  ['Inaya', 'Inaïa', 'Inayah'], ['Lina', 'Lynna', 'Linah'], ['Jade', 'Jayde'], ['Timéo', 'Timeo', 'Tymeo'],
  ['Tiago', 'Thiago'], ['Nino', 'Ninno'], ['Léna', 'Lenna', 'Léana'], ['Zoé', 'Zoey'], ['Sarah', 'Sara'],
  ['Mathéo', 'Matheo', 'Mattéo', 'Matteo'], ['Théo', 'Teo', 'Théau'], ['Anaïs', 'Anais', 'Anaïss'],
  ['Jérémy', 'Jérémie', 'Jeremy'], ['Loïc', 'Loic', 'Loïck'], ['Maryam', 'Mariam', 'Meryem'],
  ['Aïcha', 'Aicha', 'Aïsha'], ['Yasmine', 'Yasmina', 'Jasmine'], ['Mohamed', 'Mohammed', 'Mohamad'],
  ['Noah', 'Noa'], ['Liam', 'Lyam'], ['Léo', 'Leo', 'Léeo'], ['Nathan', 'Natan'], ['Ethan', 'Etan', 'Ethann'],
];

/** Frequent surnames (a match on them is weak evidence). */
export const COMMON_SURNAMES: readonly string[] = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT',
  'SIMON', 'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD',
  'BONNET', 'DUPONT', 'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFEVRE', 'FAURE', 'ANDRE',
  'MERCIER', 'BLANC', 'GUERIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANCOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA',
];

/** Rarer surnames, some with accents in their official spelling. */
export const RARE_SURNAMES: readonly string[] = [
  'ABGRALL', 'BÉRANGER', 'CASTAGNÉ', 'DELACROIX', 'ÉTIENNE', 'FERRAND', 'GRÉGOIRE', 'HÉBRARD', 'IMBERT',
  'JOUBERT', 'KERGOAT', 'LABBÉ', 'MARCHAND', 'NÉGRIER', 'OLLIVIER', 'PÉLISSIER', 'QUÉMÉNER', 'RENAUDIN',
  'SÉGUIN', 'TESSIER', 'URVOY', 'VALLÉE', 'WAGNER', 'YILDIZ', 'ZERBIB', 'BENSAÏD', 'CHÉRIF', 'DIALLO',
  'TRAORÉ', 'NGUYEN', 'TRAN', 'KONÉ', 'HADDAD', 'MESSAOUDI', 'BOUCHARD', 'CARRÉ', 'DESCHAMPS', 'ÉVRARD',
  'FLEURY', 'GODARD', 'HUMBERT', 'JACQUET', 'LECLERC', 'MAILLARD', 'NOËL', 'PERRIN', 'RÉMY', 'SCHNEIDER',
  'TEXIER', 'VASSEUR', 'BRÉMOND', 'COUDERC', 'DAUDET', 'ESCOFFIER', 'FAVRE', 'GAILLARD', 'HÉLIAS', 'JAOUEN',
  'LE BIHAN', 'LE GOFF', 'LE ROUX', 'MÉNARD', 'NAVARRO', 'OZENNE', 'PRÉVOST', 'RIVIÈRE', 'SAUVAGE', 'THIÉRY',
  'ABDELKADER', 'BOUAZIZ', 'CISSÉ', 'DOUCOURÉ', 'FERREIRA', 'GONÇALVES', 'LOPES', 'MOREIRA', 'PEREIRA', 'RODRIGUES',
];

/** Surnames with a particle, which teachers glue, cut or drop. */
export const PARTICLE_SURNAMES: readonly string[] = [
  'DA SILVA', 'DE LA FONTAINE', "D'ALMEIDA", 'DOS SANTOS', 'DE SOUZA', 'LE GALL', 'DU PONT', 'DE OLIVEIRA',
  'VAN DEN BERG', "D'ARGENT", 'DE LA ROCHE', 'DI MARCO', 'EL AMRANI', 'BEN ALI', 'DES ROSIERS', 'LA SALLE',
];
