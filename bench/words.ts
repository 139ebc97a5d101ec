/**
 * The words of the benchmark's database: business names, people, and complaint narratives built
 * from sentence templates with many slots, so no two narratives read alike and no sentence repeats
 * within one. Everything is drawn from a seeded generator, so a seed always gives the same file.
 *
 * Numbers in the text are kept short and never next to one another, so the app's personal-data
 * guard (lib/personal-data.ts) would leave them alone: public text equals what filing would store.
 */
import type { seededRandom } from "../src/lib/random.js";

type Rng = ReturnType<typeof seededRandom>;

// prettier-ignore
const PREFIXES = [
  "North", "South", "East", "West", "Blue", "Red", "Green", "Silver", "Golden", "Bright", "Summit", "Harbor",
  "River", "Maple", "Oak", "Pine", "Cedar", "Stone", "Iron", "Crystal", "Sun", "Moon", "Star", "Metro", "Urban",
  "Prime", "Apex", "Vertex", "Nova", "Atlas", "Orion", "Vista", "Pioneer", "Liberty", "Eagle", "Falcon", "Lakeside",
  "Hillside", "Coastal", "Valley", "Pacific", "Atlantic", "Central", "Grand", "Royal", "Union", "Frontier",
  "Evergreen", "Sterling", "Crescent", "Meridian", "Horizon", "Keystone", "Beacon", "Redwood", "Willow", "Aspen",
  "Granite", "Copper", "Cobalt", "Amber", "Ivory", "Onyx", "Jade", "Scarlet", "Azure", "Quantum", "Fusion",
];
// prettier-ignore
const CORES = [
  "wind", "field", "brook", "gate", "point", "line", "wave", "light", "stream", "ridge", "bridge", "crest",
  "view", "port", "wood", "dale", "stone", "haven", "spring", "mark", "way", "works", "link", "path", "tech",
  "net", "care", "trust", "mart", "home", "foods", "motors", "energy", "mobile", "air", "fit", "med", "pay",
];
// prettier-ignore
const KINDS = [
  "Telecom", "Airlines", "Bank", "Energy", "Insurance", "Home Goods", "Electronics", "Furniture", "Motors",
  "Car Rental", "Travel", "Cruises", "Mobile", "Internet", "Cable", "Pharmacy", "Dental", "Gym", "Fitness",
  "Plumbing", "Roofing", "Solar", "Appliances", "Logistics", "Delivery", "Couriers", "Credit Union", "Lending",
  "Mortgage", "Property Management", "Realty", "Hotels", "Resorts", "Ticketing", "Streaming", "Software",
  "Outfitters", "Apparel", "Shoes", "Grocers", "Supermarket", "Pet Supplies", "Auto Repair", "Tyres", "Water",
  "Gas", "Utilities", "Health", "Clinic", "Opticians", "Movers", "Storage", "Cleaning", "Security", "Florists",
];
// prettier-ignore
const FORMS = ["", "", "", "", " Inc.", " Ltd", " & Co.", " Group", " Company", " Services", " Direct", " Online"];
// prettier-ignore
const CITIES = [
  ["Seattle", "United States"], ["Denver", "United States"], ["Chicago", "United States"], ["Houston", "United States"],
  ["Boston", "United States"], ["Atlanta", "United States"], ["Phoenix", "United States"], ["Miami", "United States"],
  ["Toronto", "Canada"], ["Vancouver", "Canada"], ["London", "United Kingdom"], ["Leeds", "United Kingdom"],
  ["Manchester", "United Kingdom"], ["Dublin", "Ireland"], ["Sydney", "Australia"], ["Melbourne", "Australia"],
  ["Auckland", "New Zealand"], ["Cape Town", "South Africa"], ["Berlin", "Germany"], ["Lyon", "France"],
] as const;

// prettier-ignore
const FIRST = [
  "Dana", "Sam", "Priya", "Lucas", "Amara", "Jonas", "Mei", "Tomás", "Ingrid", "Kofi", "Leila", "Mateo", "Hana",
  "Oscar", "Zara", "Felix", "Nadia", "Ravi", "Elena", "Yusuf", "Clara", "Diego", "Anya", "Hugo", "Sofia", "Malik",
  "Greta", "Theo", "Aisha", "Bruno", "Lena", "Omar", "Freya", "Kenji", "Rosa", "Ibrahim", "Maya", "Pavel", "Ines",
];
// prettier-ignore
const LAST = [
  "Whitfield", "Okafor", "Raman", "Moreau", "Lindqvist", "Tanaka", "Novak", "Haddad", "Costa", "Brennan",
  "Schmidt", "Oyelaran", "Kowalski", "Fernandes", "Nguyen", "Petrov", "Abara", "Larsen", "Moretti", "Castillo",
  "Hughes", "Mensah", "Ito", "Baptiste", "Kaur", "Olsen", "Dubois", "Romero", "Sato", "Walsh", "Adeyemi", "Kim",
];

// prettier-ignore
const PRODUCTS = [
  "washing machine", "laptop", "sofa", "phone", "broadband plan", "flight", "hotel room", "rental car", "mattress",
  "fridge", "dishwasher", "television", "gym membership", "insurance policy", "boiler service", "pair of boots",
  "winter coat", "dining table", "bicycle", "set of tyres", "streaming subscription", "mobile contract", "kettle",
  "vacuum cleaner", "office chair", "grocery order", "birthday cake", "pram", "car battery", "solar panel survey",
  "plumbing repair", "roof inspection", "dental crown", "pair of glasses", "concert ticket", "cruise cabin",
  "storage unit", "moving van", "printer", "microwave", "electricity tariff", "water heater", "garden shed",
  "smart watch", "gaming console", "wedding dress", "bookcase", "air conditioner", "espresso machine",
];
// prettier-ignore
const PROBLEMS = [
  "arrived damaged", "never arrived", "stopped working after a week", "was the wrong size", "was missing parts",
  "was not what the listing described", "was delivered to the wrong address", "broke on first use",
  "came with a cracked screen", "had a strange smell", "was second hand despite being sold as new",
  "was cancelled without warning", "was delayed again and again", "was billed at the wrong price",
  "leaked all over the kitchen floor", "overheated within minutes", "failed the safety check",
];
// prettier-ignore
const STAFF = [
  "the customer service agent", "a supervisor", "the store manager", "the delivery driver", "the technician",
  "someone in the billing team", "the complaints department", "a representative on the chat", "the call centre",
  "the branch manager", "the installer", "a team leader", "the returns desk", "the online support team",
];
// prettier-ignore
const CHANNELS = [
  "by phone", "by email", "through the website chat", "in the store", "through the app", "on social media",
  "by letter", "through the contact form", "at the branch", "by recorded post",
];
// prettier-ignore
const WAITS = [
  "two days", "three days", "a week", "ten days", "two weeks", "three weeks", "a month", "six weeks",
  "two months", "forty minutes on hold", "an hour on hold", "most of an afternoon",
];
// prettier-ignore
const FEELINGS = [
  "frustrated", "exhausted", "let down", "angry", "confused", "worried", "disappointed", "stressed", "ignored",
  "embarrassed", "out of pocket", "misled", "fed up", "anxious", "powerless",
];
// prettier-ignore
const PROMISES = [
  "promised a call back", "told the refund was on its way", "assured a replacement would be sent",
  "told to wait another week", "promised an engineer visit", "told the case was escalated",
  "offered a voucher instead of a refund", "asked to send the same photos again", "told to contact the manufacturer",
  "given a reference number and nothing else", "told the system showed no record of my order",
];
// prettier-ignore
const OUTCOMES = [
  "a full refund", "a replacement", "a proper repair", "an apology", "an explanation", "my money back",
  "the cancellation fee removed", "a working product", "compensation for the wasted days", "the late fees reversed",
];
// prettier-ignore
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
// prettier-ignore
const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December",
];
// prettier-ignore
const PEOPLE = ["my partner", "my mother", "my neighbour", "my son", "my daughter", "a friend", "my colleague"];
// prettier-ignore
const ADVERBS = ["politely", "patiently", "repeatedly", "clearly", "again", "calmly", "in writing", "twice"];
// prettier-ignore
const OPENERS = ["Then", "After that", "Later", "Next", "Eventually", "Soon after", "The following week", "Meanwhile"];

/** Words that occur in few complaints: the benchmark's "rare word" is the first of them. */
// prettier-ignore
export const RARE_WORDS = [
  "harpsichord", "marmalade", "zeppelin", "quokka", "sassafras", "tamarind", "xylophone", "kumquat", "ocarina",
  "bandoneon", "gazebo", "periwinkle", "tarragon", "vellum", "wisteria", "yodelling", "zither", "abacus",
  "bergamot", "calliope", "damask", "edelweiss", "fennel", "gondola", "hibiscus", "juniper", "kaleidoscope",
  "lorgnette", "macrame", "nutmeg", "origami", "paprika", "quince", "rhubarb", "saffron", "terrarium", "ukulele",
  "verbena", "walrus", "yarrow", "armadillo", "balalaika", "chrysanthemum", "didgeridoo", "elderflower",
  "flamingo", "gingham", "hammock", "iguana", "jacaranda",
];
/** Each complaint mentions one rare word with this probability (about 50 complaints per word at 1M). */
const RARE_CHANCE = 0.0025;
/** The benchmark's common word and phrase: "refund" is in most narratives, "charged twice" in some. */
export const COMMON_WORD = "refund";
export const PHRASE = "charged twice";

export function words(rng: Rng) {
  const { int, pick, next } = rng;
  const money = () => `$${20 + int(1980)}.${String(int(100)).padStart(2, "0")}`;
  const ref = () => `#${String.fromCharCode(65 + int(26))}${10000 + int(90000)}`;
  const date = () => `${1 + int(28)} ${pick(MONTHS)}`;
  const n = (lo: number, hi: number) => lo + int(hi - lo + 1);

  // Each template is one sentence; most have several slots and some a number, so the space of
  // sentences is far larger than the few million a database of a million complaints holds.
  const sentences: ((c: Story) => string)[] = [
    (c) => `On ${pick(DAYS)} ${date()} I ordered a ${c.product} from ${c.business} for ${money()}.`,
    (c) => `I bought a ${c.product} from ${c.business} in ${pick(MONTHS)} and it ${pick(PROBLEMS)}.`,
    (c) => `The ${c.product} ${pick(PROBLEMS)}, and the order number is ${ref()}.`,
    () => `I contacted ${pick(STAFF)} ${pick(CHANNELS)} and was ${pick(PROMISES)}.`,
    () => `I spoke to ${pick(STAFF)} ${pick(CHANNELS)} ${n(2, 9)} times and was ${pick(PROMISES)} each time.`,
    () => `After waiting ${pick(WAITS)} I called again and was ${pick(PROMISES)}.`,
    () => `${pick(OPENERS)} ${pick(STAFF)} ${pick(PROMISES).replace(/^told/, "told me")}, but nothing happened.`,
    () => `I was charged twice for the same order, ${money()} on ${date()} and again ${n(2, 12)} days later.`,
    () => `My card was charged ${money()} even though the order was cancelled on ${date()}.`,
    () => `I asked ${pick(ADVERBS)} for a refund of ${money()} and was told it would take ${pick(WAITS)}.`,
    () => `The refund of ${money()} that was confirmed by email on ${date()} has still not arrived.`,
    () => `A refund was approved ${pick(WAITS)} ago according to ${pick(STAFF)}, yet my bank shows nothing.`,
    () => `I have spent ${pick(WAITS)} chasing this and I feel ${pick(FEELINGS)} and ${pick(FEELINGS)}.`,
    () => `${pick(PEOPLE)} had to take ${n(1, 5)} days off work to wait for a delivery that never came.`,
    (c) =>
      `The ${c.product} was supposed to be delivered by ${pick(DAYS)}, but the tracking page has not moved for ${pick(WAITS)}.`,
    (c) => `When I finally reached ${pick(STAFF)}, they said ${c.business} could not find ${ref()} at all.`,
    () => `I sent photos ${pick(CHANNELS)} on ${date()} and was asked for the same photos ${n(2, 6)} more times.`,
    () => `The ${n(1, 5)} year warranty should cover this, but ${pick(STAFF)} said the fault was my own doing.`,
    () => `Nobody told me ${pick(CHANNELS)} about a cancellation fee of ${money()} until it appeared on my statement.`,
    () => `My account was switched to a more expensive plan without asking me, costing ${money()} extra a month.`,
    () => `I was kept on hold for ${n(25, 95)} minutes before the line went dead.`,
    () => `The engineer booked for ${pick(DAYS)} between ${n(7, 11)} and ${n(1, 5)} o'clock did not turn up.`,
    () => `I have a written promise from ${pick(STAFF)} dated ${date()}, which they now say they cannot honour.`,
    (c) => `I have been a customer of ${c.business} for ${n(2, 19)} years and have never been treated like this.`,
    () =>
      `${pick(OPENERS)} I received an automated email saying my case ${ref()} was closed as resolved, which it is not.`,
    () => `The replacement they sent ${pick(PROBLEMS).replace(/^was /, "was also ")}.`,
    () => `I was told ${pick(CHANNELS)} to return the item at my own cost, which came to ${money()} in postage.`,
    () => `${cap(pick(STAFF))} ended the conversation ${pick(CHANNELS)} as soon as I mentioned a refund.`,
    () => `It is now ${n(3, 14)} weeks since I first reported the problem, and I am still ${pick(FEELINGS)}.`,
    () => `The letter I sent by recorded post on ${date()} was signed for and never answered.`,
    () => `My bank advised me to ask the business first before opening a chargeback for ${money()}.`,
    () => `${pick(PEOPLE)} had exactly the same problem with them ${n(2, 11)} months ago.`,
    () => `The store refused to look at my receipt from ${date()} and said only head office could help.`,
    () => `Head office says it is a matter for the store, and the store says it is a matter for ${pick(STAFF)}.`,
    () => `Their website still advertises a ${n(14, 90)} day money back guarantee.`,
    () => `I was promised a call back within ${n(24, 72)} hours on ${date()} and I am still waiting.`,
    () =>
      `Each time I call ${pick(CHANNELS)} I have to explain everything from the start to someone new, ${pick(WAITS)} of my life.`,
    () => `I am not asking for anything unreasonable, only the ${money()} I paid and ${pick(OUTCOMES)}.`,
    () => `The invoice lists ${n(2, 7)} items I never ordered, adding up to ${money()}.`,
    () => `My direct debit was taken ${n(2, 4)} times in one month, ${money()} each time.`,
  ];
  const closings: ((c: Story) => string)[] = [
    () => `I would like ${pick(OUTCOMES)} and an explanation of why this took ${pick(WAITS)}.`,
    () => `All I want now is ${pick(OUTCOMES)}, and for nobody else to go through this.`,
    (c) => `I am asking ${c.business} for ${pick(OUTCOMES)} within ${n(7, 30)} days.`,
    () => `Please put this right: ${pick(OUTCOMES)} would settle it.`,
    () =>
      `If this is not resolved within ${n(7, 30)} days I will take it to the ombudsman, which I would rather not do.`,
  ];
  const rareSentence = (word: string) =>
    pick([
      `It was meant to go with the ${word} I had bought for ${pick(PEOPLE)}.`,
      `The only thing that arrived was a leaflet about a ${word}, which I never asked for.`,
      `I mentioned the ${word} on the order notes, and even that was ignored.`,
    ]);

  interface Story {
    business: string;
    product: string;
  }

  /** Sentences until the length is reached, in paragraphs of two to five, with no sentence twice. */
  function narrative(business: string, target: number): string {
    const story: Story = { business, product: pick(PRODUCTS) };
    const seen = new Set<string>();
    const out: string[] = [];
    let paragraph: string[] = [];
    let length = 0;
    const add = (sentence: string) => {
      if (seen.has(sentence)) return;
      seen.add(sentence);
      paragraph.push(sentence);
      length += sentence.length + 1;
      if (paragraph.length >= 2 + int(4)) {
        out.push(paragraph.join(" "));
        paragraph = [];
        length += 1;
      }
    };
    add(sentences[int(2)]!(story));
    if (next() < RARE_CHANCE) add(rareSentence(pick(RARE_WORDS)));
    // The two openings (an order, a purchase) tell the start once; the rest may come in any order.
    while (length < target - 80) add(sentences[2 + int(sentences.length - 2)]!(story));
    add(pick(closings)(story));
    if (paragraph.length) out.push(paragraph.join(" "));
    const text = out.join("\n\n");
    return text.length <= 3000 ? text : text.slice(0, text.lastIndexOf(".", 2999) + 1);
  }

  const TITLES: ((product: string) => string)[] = [
    (p) => `${cap(p)} ${pick(PROBLEMS)}`,
    (p) => `Still waiting for a refund on my ${p}`,
    () => `Charged twice and no refund after ${pick(WAITS)}`,
    (p) => `${cap(p)} order ${ref()} never delivered`,
    () => `Promised a call back ${n(2, 9)} times, nothing`,
    (p) => `Faulty ${p} and no help from support`,
    () => `Cancelled but still being billed ${money()} a month`,
    (p) => `${cap(p)}: ${pick(PROMISES)}`,
    () => `Engineer did not turn up, ${n(2, 5)} times`,
    (p) => `Refused a refund for a ${p} that ${pick(PROBLEMS)}`,
    () => `Hidden fees of ${money()} on my statement`,
    (p) => `${cap(p)} replacement also faulty`,
  ];
  const title = (product: string) => {
    const t = pick(TITLES)(product);
    return t.length <= 120 ? t : t.slice(0, 117).trimEnd() + "...";
  };

  /** A length for a narrative: 200 to 3,000 characters, most of them short, as people write. */
  const storyLength = () => 200 + Math.floor(2800 * next() ** 3);

  const reply = (business: string) =>
    [
      pick([
        `Thank you for telling us about this, and we are sorry for the trouble.`,
        `We are sorry to read this and would like to help.`,
        `Thank you for your patience while we looked into your order.`,
        `We apologise for how long this has taken.`,
      ]),
      pick([
        `Our ${pick(["billing", "returns", "delivery", "customer care"])} team has reviewed case ${ref()}.`,
        `We have escalated this to ${pick(STAFF)} at ${business}.`,
        `We can see the payment of ${money()} on our side and are checking it with the bank.`,
        `A replacement is booked for dispatch on ${pick(DAYS)}.`,
        `We have issued a refund of ${money()}, which should arrive within ${n(3, 10)} working days.`,
      ]),
      pick([
        `Please check your messages: we have written to you privately.`,
        `If anything is still wrong, reply here and we will pick it up.`,
        `We will update this page as soon as we hear back.`,
        ``,
      ]),
    ]
      .filter(Boolean)
      .join(" ");
  const authorReply = () =>
    pick([
      `Thank you, but I have heard this before. ${pick(sentences)({ business: "you", product: pick(PRODUCTS) })}`,
      `I have sent the details again ${pick(CHANNELS)} on ${date()}.`,
      `Nothing has changed since your reply ${pick(WAITS)} ago.`,
      `That is good news, I will confirm here once it arrives.`,
      `The reference you gave me, ${ref()}, is not recognised by your own helpline.`,
    ]);
  const resolutionNote = () =>
    pick([
      `Refund of ${money()} issued on ${date()}.`,
      `Replacement delivered and collected the faulty one.`,
      `Engineer visit completed, fault repaired.`,
      `Fees reversed and account corrected.`,
      `We explained the charge and credited ${money()} as a goodwill gesture.`,
    ]);
  const disputeReason = () =>
    pick([
      `The refund has not reached my account, ${n(5, 20)} days later.`,
      `The replacement ${pick(PROBLEMS)}, so this is not resolved.`,
      `Nobody came on the day you gave, so nothing is repaired.`,
      `Only part of the amount came back: ${money()} is still missing.`,
    ]);
  const confirmation = () =>
    next() < 0.5
      ? ""
      : pick([
          `It took ${pick(WAITS)}, but it is sorted now.`,
          `Thank you for fixing it in the end.`,
          `Resolved, though I should not have had to complain in public.`,
          `Money received, thank you.`,
        ]);
  const privateMessage = (side: "consumer" | "business") =>
    side === "consumer"
      ? pick([
          `My order reference is ${ref()} and the payment was ${money()}.`,
          `I can be reached in the evenings after ${n(5, 8)} o'clock.`,
          `The photos of the damage are the ones I sent on ${date()}.`,
          `The delivery address was the one on my account, nothing changed.`,
        ])
      : pick([
          `Could you confirm the last four digits of the card you paid with?`,
          `We have found your order ${ref()} and passed it to ${pick(STAFF)}.`,
          `A courier will collect the item on ${pick(DAYS)} between ${n(8, 11)} and ${n(1, 4)} o'clock.`,
          `Your refund of ${money()} was sent today.`,
        ]);

  function businessName(): string {
    return `${pick(PREFIXES)}${pick(CORES)} ${pick(KINDS)}${pick(FORMS)}`;
  }
  const city = () => pick(CITIES);
  const personName = () => `${pick(FIRST)} ${pick(LAST)}`;
  const product = () => pick(PRODUCTS);
  const category = () => 1 + int(9);
  const outcome = () => pick(["refund", "replacement", "repair", "apology", "explanation", "other"] as const);

  return {
    narrative,
    title,
    storyLength,
    reply,
    authorReply,
    resolutionNote,
    disputeReason,
    confirmation,
    privateMessage,
    businessName,
    city,
    personName,
    product,
    category,
    outcome,
    money,
  };
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
