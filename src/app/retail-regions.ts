/**
 * The regions of the Online Retail data's customers (the UCI data set the replay and the demo
 * are made from), with the countries in each. `stockroom replay` routes its orders by them, the
 * demo groups them into its three regions.
 */
export interface ReplayRegion {
  code: string;
  name: string;
  lat: number;
  lon: number;
  countries: string[];
}

/**
 * Regions by where the data's customers live, each with a point for distance-based delivery
 * days. The United Kingdom with the Channel Islands and the Isle of Man; Europe (EU, EEA,
 * Switzerland and the UK's neighbours) around Frankfurt; then the rest of the world by area.
 */
export const REPLAY_REGIONS: readonly ReplayRegion[] = [
  { code: 'uk', name: 'United Kingdom', lat: 52.4862, lon: -1.8904, countries: ['GB', 'JE', 'GG', 'IM'] },
  {
    code: 'eu',
    name: 'Europe',
    lat: 50.1109,
    lon: 8.6821,
    countries: [
      'AT',
      'BE',
      'BG',
      'CH',
      'CY',
      'CZ',
      'DE',
      'DK',
      'EE',
      'ES',
      'EU',
      'FI',
      'FR',
      'GR',
      'HR',
      'HU',
      'IE',
      'IS',
      'IT',
      'LI',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'NO',
      'PL',
      'PT',
      'RO',
      'SE',
      'SI',
      'SK',
    ],
  },
  { code: 'na', name: 'North America', lat: 40.7128, lon: -74.006, countries: ['US', 'CA', 'MX'] },
  { code: 'latam', name: 'Latin America', lat: -23.5505, lon: -46.6333, countries: ['BR', 'AR', 'CL', 'CO'] },
  {
    code: 'mea',
    name: 'Middle East and Africa',
    lat: 25.2048,
    lon: 55.2708,
    countries: ['AE', 'BH', 'IL', 'LB', 'SA', 'ZA'],
  },
  {
    code: 'apac',
    name: 'Asia-Pacific',
    lat: 1.3521,
    lon: 103.8198,
    countries: ['AU', 'HK', 'JP', 'NZ', 'SG'],
  },
];
