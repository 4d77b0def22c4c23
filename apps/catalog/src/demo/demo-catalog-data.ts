/**
 * Word lists behind the demo catalog. A product title is "<prefix> <item>" (e.g. "Merino Crew
 * Tee"); its variants combine a few values of the primary axis with a run of the secondary one
 * (e.g. two colours x sizes S-L). Prices are EUR minor units.
 */

export interface AxisValue {
  label: string;
  /** The SKU segment for this value, e.g. "NAVY" or "128GB". */
  code: string;
}

export interface Axis {
  /** The attribute key on the variant, e.g. "colour", "size". */
  name: string;
  values: readonly AxisValue[];
  /** Added to the base price per step along this axis (bigger capacity costs more). */
  priceStep?: number;
}

export interface ItemSpec {
  /** The noun phrase ending the title, e.g. "Crew Tee". */
  noun: string;
  /** The SKU stem, e.g. "TEE-CREW"; unique across the whole catalog. */
  code: string;
  /** Overrides the leaf's secondary axis where the item needs its own (capacity, power...). */
  secondary?: Axis | null;
  /** Overrides the leaf's base price range where items differ a lot (a tent vs a headlamp). */
  price?: readonly [number, number];
}

export interface LeafSpec {
  slug: string;
  name: string;
  parentSlug: string;
  prefixes: readonly string[];
  items: readonly ItemSpec[];
  /** Several values of this axis may be picked (colours). */
  primary: Axis;
  /** A contiguous run of this axis is picked (sizes, capacities); null when the item has none. */
  secondary: Axis | null;
  /** Base price range in minor units. */
  price: readonly [number, number];
  /** Sentences that may follow the opening sentence of a description. */
  details: readonly string[];
}

export interface ParentSpec {
  slug: string;
  name: string;
}

const v = (...labels: string[]): AxisValue[] =>
  labels.map((label) => ({ label, code: label.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '') }));

const coded = (...pairs: [string, string][]): AxisValue[] => pairs.map(([label, code]) => ({ label, code }));

const colour = (...labels: string[]): Axis => ({ name: 'colour', values: v(...labels) });

const apparelSizes: Axis = { name: 'size', values: v('XS', 'S', 'M', 'L', 'XL', 'XXL') };
const shoeSizes: Axis = {
  name: 'size',
  values: coded(...[38, 39, 40, 41, 42, 43, 44, 45, 46].map((n): [string, string] => [`EU ${n}`, `${n}`])),
};

export const PARENT_CATEGORIES: readonly ParentSpec[] = [
  { slug: 'apparel', name: 'Apparel' },
  { slug: 'footwear', name: 'Footwear' },
  { slug: 'home', name: 'Home' },
  { slug: 'electronics', name: 'Electronics' },
  { slug: 'outdoor', name: 'Outdoor' },
];

export const LEAF_CATEGORIES: readonly LeafSpec[] = [
  {
    slug: 't-shirts',
    name: 'T-Shirts',
    parentSlug: 'apparel',
    prefixes: ['Merino', 'Organic Cotton', 'Pima', 'Linen Blend', 'Bamboo', 'Slub Jersey', 'Heavyweight', 'Featherweight'],
    items: [
      { noun: 'Crew Tee', code: 'TEE-CREW' },
      { noun: 'V-Neck Tee', code: 'TEE-VNECK' },
      { noun: 'Pocket Tee', code: 'TEE-POCKET' },
      { noun: 'Henley', code: 'TEE-HENLEY' },
      { noun: 'Long Sleeve Tee', code: 'TEE-LS' },
      { noun: 'Raglan Tee', code: 'TEE-RAGLAN' },
      { noun: 'Boxy Tee', code: 'TEE-BOXY' },
    ],
    primary: colour('White', 'Black', 'Navy', 'Heather Grey', 'Olive', 'Sand', 'Rust', 'Sky Blue'),
    secondary: apparelSizes,
    price: [1900, 4900],
    details: [
      'Pre-washed so it keeps its shape and size wash after wash.',
      'Reinforced shoulder seams stand up to everyday wear.',
      'A relaxed fit that sits just below the waist.',
      'Soft against the skin and breathable on warm days.',
      'Garment-dyed for a lived-in colour from the first wear.',
    ],
  },
  {
    slug: 'hoodies',
    name: 'Hoodies & Sweatshirts',
    parentSlug: 'apparel',
    prefixes: ['Loopback', 'Brushed Fleece', 'Organic', 'Heavyweight', 'Recycled', 'Waffle Knit', 'French Terry', 'Everyday'],
    items: [
      { noun: 'Pullover Hoodie', code: 'HOOD-PULL' },
      { noun: 'Zip Hoodie', code: 'HOOD-ZIP' },
      { noun: 'Oversized Hoodie', code: 'HOOD-OVER' },
      { noun: 'Cropped Hoodie', code: 'HOOD-CROP' },
      { noun: 'Crewneck Sweatshirt', code: 'SWEAT-CREW' },
      { noun: 'Half-Zip Sweatshirt', code: 'SWEAT-HZIP' },
      { noun: 'Quarter-Zip Pullover', code: 'SWEAT-QZIP' },
    ],
    primary: colour('Black', 'Charcoal', 'Oatmeal', 'Forest', 'Navy', 'Burgundy', 'Stone'),
    secondary: apparelSizes,
    price: [4900, 11900],
    details: [
      'A double-lined hood and ribbed cuffs keep the warmth in.',
      'Brushed on the inside for a soft, cosy feel.',
      'Dropped shoulders give it an easy, relaxed silhouette.',
      'Heavy enough for cool evenings, light enough to layer.',
      'Made from cotton that is kind to the skin and built to last.',
    ],
  },
  {
    slug: 'jackets',
    name: 'Jackets',
    parentSlug: 'apparel',
    prefixes: ['Alpine', 'Harbour', 'Coastline', 'Summit', 'Metro', 'Ridgeline', 'Nordic', 'Fieldhouse'],
    items: [
      { noun: 'Rain Jacket', code: 'JKT-RAIN' },
      { noun: 'Puffer Jacket', code: 'JKT-PUFF' },
      { noun: 'Shell Jacket', code: 'JKT-SHELL' },
      { noun: 'Chore Coat', code: 'JKT-CHORE' },
      { noun: 'Overshirt', code: 'JKT-OVERSHIRT' },
      { noun: 'Bomber Jacket', code: 'JKT-BOMBER' },
      { noun: 'Parka', code: 'JKT-PARKA' },
    ],
    primary: colour('Black', 'Olive', 'Navy', 'Rust', 'Khaki', 'Slate'),
    secondary: apparelSizes,
    price: [8900, 26900],
    details: [
      'Taped seams and a water-repellent finish keep showers out.',
      'Two zipped hand pockets and an inside pocket for your phone.',
      'Cut long enough to cover a thick knit underneath.',
      'Packs into its own pocket when the sun comes out.',
      'An adjustable hem and cuffs seal out the wind.',
    ],
  },
  {
    slug: 'sneakers',
    name: 'Sneakers',
    parentSlug: 'footwear',
    prefixes: ['Velocity', 'Arcade', 'Metro', 'Cloudstep', 'Lumen', 'Pacer', 'Drift', 'Haven'],
    items: [
      { noun: 'Runner', code: 'SNKR-RUN' },
      { noun: 'Low Top Sneaker', code: 'SNKR-LOW' },
      { noun: 'High Top Sneaker', code: 'SNKR-HIGH' },
      { noun: 'Trainer', code: 'SNKR-TRAIN' },
      { noun: 'Slip-On', code: 'SNKR-SLIP' },
      { noun: 'Knit Sneaker', code: 'SNKR-KNIT' },
      { noun: 'Canvas Sneaker', code: 'SNKR-CANVAS' },
    ],
    primary: colour('White', 'Black', 'Bone', 'Navy', 'Grey', 'Forest'),
    secondary: shoeSizes,
    price: [5900, 16900],
    details: [
      'A cushioned midsole takes the sting out of long days on your feet.',
      'The grippy rubber outsole holds on wet pavements.',
      'A padded collar and tongue make it comfortable from day one.',
      'Breathable uppers keep your feet cool in summer.',
      'Removable insoles make room for your own orthotics.',
    ],
  },
  {
    slug: 'boots',
    name: 'Boots',
    parentSlug: 'footwear',
    prefixes: ['Trailblazer', 'Timberline', 'Highland', 'Granite', 'Redwood', 'Frontier', 'Cascade', 'Ironside'],
    items: [
      { noun: 'Hiking Boot', code: 'BOOT-HIKE' },
      { noun: 'Chelsea Boot', code: 'BOOT-CHELSEA' },
      { noun: 'Work Boot', code: 'BOOT-WORK' },
      { noun: 'Chukka Boot', code: 'BOOT-CHUKKA' },
      { noun: 'Winter Boot', code: 'BOOT-WINTER' },
      { noun: 'Lace-Up Boot', code: 'BOOT-LACE' },
      { noun: 'Trail Boot', code: 'BOOT-TRAIL' },
    ],
    primary: colour('Tan', 'Dark Brown', 'Black', 'Olive', 'Oxblood'),
    secondary: shoeSizes,
    price: [9900, 25900],
    details: [
      'Full-grain leather that softens and darkens with age.',
      'A waterproof membrane keeps your socks dry through puddles.',
      'The Goodyear-welted sole can be replaced when it wears down.',
      'A lugged outsole bites into mud, gravel and snow.',
      'Cushioned footbeds support you through long walks.',
    ],
  },
  {
    slug: 'kitchen',
    name: 'Kitchen',
    parentSlug: 'home',
    prefixes: ['Nordic', 'Terra', 'Hearth', 'Atelier', 'Provence', 'Kyoto', 'Harvest', 'Ember'],
    items: [
      { noun: 'Cast Iron Skillet', code: 'KIT-SKILLET', price: [3900, 8900] },
      { noun: 'Dutch Oven', code: 'KIT-DUTCH', price: [7900, 19900] },
      { noun: 'Pour-Over Kettle', code: 'KIT-KETTLE', price: [3900, 9900] },
      { noun: 'Mug Set', code: 'KIT-MUGS', price: [2900, 6900] },
      { noun: 'Serving Bowl', code: 'KIT-BOWL', price: [1900, 5900] },
      { noun: 'Teapot', code: 'KIT-TEAPOT', price: [2900, 7900] },
      { noun: "Chef's Knife", code: 'KIT-KNIFE', price: [4900, 17900] },
    ],
    primary: colour('Slate', 'Cream', 'Sage', 'Terracotta', 'Charcoal', 'Ocean'),
    secondary: { name: 'finish', values: v('Matte', 'Satin', 'Gloss') },
    price: [1900, 14900],
    details: [
      'Dishwasher safe, so it is as easy to clean as it is to use.',
      'Heats evenly and holds its temperature for longer.',
      'Glazed by hand, so no two pieces are quite the same.',
      'Works on gas, electric and induction hobs.',
      'Sized for everyday cooking for two to four people.',
    ],
  },
  {
    slug: 'lighting',
    name: 'Lighting',
    parentSlug: 'home',
    prefixes: ['Halo', 'Arc', 'Lumen', 'Orbit', 'Nova', 'Dune', 'Atlas', 'Beacon'],
    items: [
      { noun: 'Table Lamp', code: 'LAMP-TABLE', price: [4900, 16900] },
      { noun: 'Floor Lamp', code: 'LAMP-FLOOR', price: [9900, 29900] },
      { noun: 'Pendant Light', code: 'LAMP-PENDANT', price: [6900, 24900] },
      { noun: 'Wall Sconce', code: 'LAMP-SCONCE', price: [4900, 14900] },
      { noun: 'Desk Lamp', code: 'LAMP-DESK', price: [3900, 12900] },
      { noun: 'Reading Light', code: 'LAMP-READ', price: [2900, 8900] },
      { noun: 'Lantern', code: 'LAMP-LANTERN', price: [2900, 7900] },
    ],
    primary: { name: 'finish', values: v('Brass', 'Matte Black', 'Brushed Nickel', 'Chrome', 'Walnut', 'Oak') },
    secondary: colour('Warm White', 'Opal', 'Smoke', 'Amber'),
    price: [2900, 21900],
    details: [
      'A dimmable warm glow for evenings at home.',
      'Takes a standard E27 bulb; an LED bulb is included.',
      'A fabric cable and inline switch finish it off.',
      'Casts a soft, even light without glare.',
      'Easy to assemble in a few minutes with no tools.',
    ],
  },
  {
    slug: 'audio',
    name: 'Audio',
    parentSlug: 'electronics',
    prefixes: ['Pulse', 'Echo', 'Sonic', 'Aria', 'Tempo', 'Vibe', 'Cadence', 'Nocturne'],
    items: [
      { noun: 'Wireless Headphones', code: 'AUD-HEADPHONES', price: [7900, 34900] },
      { noun: 'Earbuds', code: 'AUD-EARBUDS', price: [4900, 24900] },
      { noun: 'Bluetooth Speaker', code: 'AUD-SPEAKER', price: [3900, 19900] },
      { noun: 'Soundbar', code: 'AUD-SOUNDBAR', price: [14900, 69900] },
      { noun: 'Turntable', code: 'AUD-TURNTABLE', price: [19900, 59900] },
      { noun: 'Bookshelf Speakers', code: 'AUD-BOOKSHELF', price: [19900, 79900] },
      { noun: 'Portable Radio', code: 'AUD-RADIO', price: [4900, 14900] },
    ],
    primary: colour('Black', 'White', 'Midnight Blue', 'Sage', 'Sand', 'Red'),
    secondary: { name: 'edition', values: v('Standard', 'Plus', 'Pro'), priceStep: 3000 },
    price: [2900, 29900],
    details: [
      'Up to 30 hours of playback on a single charge.',
      'Active noise cancelling shuts out the commute.',
      'Pairs with two devices at once and switches between them.',
      'Tuned for a warm, detailed sound at any volume.',
      'USB-C charging, with a cable in the box.',
    ],
  },
  {
    slug: 'accessories',
    name: 'Accessories',
    parentSlug: 'electronics',
    prefixes: ['Volt', 'Flux', 'Ion', 'Core', 'Nimbus', 'Vector', 'Quanta', 'Zenith'],
    items: [
      {
        noun: 'Power Bank',
        code: 'ACC-POWERBANK', price: [2900, 5900],
        secondary: {
          name: 'capacity',
          values: coded(['5,000 mAh', '5K'], ['10,000 mAh', '10K'], ['20,000 mAh', '20K'], ['26,800 mAh', '26K']),
          priceStep: 1000,
        },
      },
      {
        noun: 'Portable SSD',
        code: 'ACC-SSD', price: [7900, 14900],
        secondary: { name: 'capacity', values: coded(['500 GB', '500GB'], ['1 TB', '1TB'], ['2 TB', '2TB'], ['4 TB', '4TB']), priceStep: 4000 },
      },
      {
        noun: 'Flash Drive',
        code: 'ACC-USB', price: [990, 2900],
        secondary: {
          name: 'capacity',
          values: coded(['32 GB', '32GB'], ['64 GB', '64GB'], ['128 GB', '128GB'], ['256 GB', '256GB'], ['512 GB', '512GB']),
          priceStep: 800,
        },
      },
      {
        noun: 'Memory Card',
        code: 'ACC-SD', price: [1490, 3900],
        secondary: {
          name: 'capacity',
          values: coded(['64 GB', '64GB'], ['128 GB', '128GB'], ['256 GB', '256GB'], ['512 GB', '512GB'], ['1 TB', '1TB']),
          priceStep: 1200,
        },
      },
      {
        noun: 'USB-C Charger',
        code: 'ACC-CHARGER', price: [2490, 4900],
        secondary: { name: 'power', values: coded(['30 W', '30W'], ['65 W', '65W'], ['100 W', '100W'], ['140 W', '140W']), priceStep: 1000 },
      },
      {
        noun: 'Wireless Charger',
        code: 'ACC-QI', price: [1990, 3900],
        secondary: { name: 'power', values: coded(['7.5 W', '7W'], ['10 W', '10W'], ['15 W', '15W']), priceStep: 500 },
      },
      {
        noun: 'USB-C Hub',
        code: 'ACC-HUB', price: [2990, 7900],
        secondary: { name: 'ports', values: coded(['4 ports', '4P'], ['7 ports', '7P'], ['10 ports', '10P']), priceStep: 1500 },
      },
    ],
    primary: colour('Black', 'White', 'Graphite', 'Blue', 'Silver'),
    secondary: null,
    price: [1290, 8900],
    details: [
      'Small enough to live in a jacket pocket.',
      'Built-in protection against overheating and short circuits.',
      'Works with laptops, tablets and phones over USB-C.',
      'An aluminium shell that stays cool under load.',
      'Backed by a two-year warranty.',
    ],
  },
  {
    slug: 'camping',
    name: 'Camping',
    parentSlug: 'outdoor',
    prefixes: ['Basecamp', 'Wildwood', 'Switchback', 'Northstar', 'Canyon', 'Evergreen', 'Glacier', 'Horizon'],
    items: [
      {
        noun: 'Dome Tent',
        code: 'CAMP-TENT', price: [14900, 39900],
        secondary: { name: 'capacity', values: coded(['1 person', '1P'], ['2 people', '2P'], ['3 people', '3P'], ['4 people', '4P']), priceStep: 4000 },
      },
      { noun: 'Sleeping Bag', code: 'CAMP-BAG', price: [7900, 27900], secondary: { name: 'length', values: v('Regular', 'Long'), priceStep: 1000 } },
      { noun: 'Sleeping Pad', code: 'CAMP-PAD', price: [4900, 14900], secondary: { name: 'length', values: v('Regular', 'Long', 'Wide'), priceStep: 1000 } },
      {
        noun: 'Insulated Bottle',
        code: 'CAMP-BOTTLE', price: [1990, 3900],
        secondary: { name: 'capacity', values: coded(['500 ml', '500ML'], ['750 ml', '750ML'], ['1 l', '1L']), priceStep: 400 },
      },
      { noun: 'Camp Chair', code: 'CAMP-CHAIR', price: [3900, 11900], secondary: null },
      { noun: 'Headlamp', code: 'CAMP-HEADLAMP', price: [1990, 6900], secondary: null },
      { noun: 'Hammock', code: 'CAMP-HAMMOCK', price: [3900, 8900], secondary: { name: 'size', values: v('Single', 'Double'), priceStep: 1500 } },
    ],
    primary: colour('Forest', 'Ember', 'Slate', 'Sand', 'Glacier Blue'),
    secondary: null,
    price: [1900, 24900],
    details: [
      'Light enough for a long walk in, tough enough for years of trips.',
      'Packs down small and sets up in minutes.',
      'Made from recycled ripstop that shrugs off rough ground.',
      'Tested in wind and rain in the Scottish Highlands.',
      'Comes with a stuff sack and a repair kit.',
    ],
  },
  {
    slug: 'backpacks',
    name: 'Backpacks',
    parentSlug: 'outdoor',
    prefixes: ['Summit', 'Voyager', 'Transit', 'Nomad', 'Ridge', 'Daybreak', 'Pathfinder', 'Drifter'],
    items: [
      { noun: 'Daypack', code: 'PACK-DAY', price: [4900, 11900], secondary: { name: 'capacity', values: coded(['18 l', '18L'], ['22 l', '22L'], ['28 l', '28L']), priceStep: 1000 } },
      {
        noun: 'Hiking Pack',
        code: 'PACK-HIKE', price: [12900, 27900],
        secondary: { name: 'capacity', values: coded(['30 l', '30L'], ['40 l', '40L'], ['50 l', '50L'], ['65 l', '65L']), priceStep: 2000 },
      },
      { noun: 'Travel Pack', code: 'PACK-TRAVEL', price: [11900, 22900], secondary: { name: 'capacity', values: coded(['35 l', '35L'], ['45 l', '45L']), priceStep: 2000 } },
      { noun: 'Rolltop Backpack', code: 'PACK-ROLLTOP', price: [7900, 14900], secondary: { name: 'capacity', values: coded(['20 l', '20L'], ['28 l', '28L']), priceStep: 1500 } },
      { noun: 'Sling Bag', code: 'PACK-SLING', price: [2900, 6900], secondary: null },
      { noun: 'Duffel Bag', code: 'PACK-DUFFEL', price: [6900, 15900], secondary: { name: 'capacity', values: coded(['40 l', '40L'], ['60 l', '60L'], ['90 l', '90L']), priceStep: 1500 } },
      { noun: 'Hydration Pack', code: 'PACK-HYDRATION', price: [5900, 12900], secondary: { name: 'capacity', values: coded(['8 l', '8L'], ['12 l', '12L']), priceStep: 1000 } },
    ],
    primary: colour('Black', 'Olive', 'Rust', 'Navy', 'Sand', 'Charcoal'),
    secondary: null,
    price: [2900, 18900],
    details: [
      'A padded laptop sleeve fits machines up to 16 inches.',
      'Water-resistant fabric and zips keep your kit dry.',
      'Load-lifter straps and a ventilated back panel carry weight comfortably.',
      'Side pockets hold a bottle within reach.',
      'Opens flat like a suitcase for easy packing.',
    ],
  },
];

/** Sentences that close a description, shared by every category. */
export const CLOSING_SENTENCES: readonly string[] = [
  'Free returns within 30 days.',
  'Ships in plastic-free packaging.',
  'Made in small batches by a family-run workshop.',
  'Designed in Lisbon and built to be repaired, not replaced.',
  'Covered by our lifetime repair promise.',
  'Part of our core range, restocked all year round.',
];

/** Opening sentences; {title} and {noun} are filled in. */
export const OPENING_SENTENCES: readonly string[] = [
  'The {title} is our take on the classic {noun}, made for everyday use.',
  'Meet the {title}, designed to do the simple things well.',
  'The {title} brings clean lines and honest materials to everyday life.',
  'Designed to earn its place, the {title} has nothing you do not need.',
  'The {title} is the {noun} we kept reaching for while testing the range.',
];

export const IMAGE_VIEWS: readonly string[] = ['front view', 'detail', 'in use'];
