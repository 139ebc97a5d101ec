/** The words of the demo: fictional businesses and believable complaints. Data only. */

export const DEMO_BUSINESSES: { name: string; website: string; city: string; country: string }[] = [
  { name: "Northwind Telecom", website: "northwind-telecom.example", city: "Seattle", country: "United States" },
  { name: "Bluebird Airlines", website: "bluebird-air.example", city: "Denver", country: "United States" },
  { name: "Acme Home Insurance", website: "acme-insurance.example", city: "Hartford", country: "United States" },
  { name: "Zenith Bank", website: "zenithbank.example", city: "Charlotte", country: "United States" },
  { name: "Globex Energy", website: "globex-energy.example", city: "Houston", country: "United States" },
  { name: "MegaMart Online", website: "megamart.example", city: "Bentonville", country: "United States" },
  { name: "Planet Express Delivery", website: "planetexpress.example", city: "New York", country: "United States" },
  { name: "Everest Mobile", website: "everestmobile.example", city: "London", country: "United Kingdom" },
  { name: "Hooli Cloud", website: "hooli.example", city: "Palo Alto", country: "United States" },
  { name: "Monarch Car Rental", website: "monarch-rentals.example", city: "Orlando", country: "United States" },
  { name: "Oceanic Cruises", website: "oceanic-cruises.example", city: "Miami", country: "United States" },
  { name: "Stark Appliances", website: "stark-appliances.example", city: "Chicago", country: "United States" },
  { name: "Tyrell Electronics", website: "tyrell.example", city: "Los Angeles", country: "United States" },
  { name: "Sterling Gym", website: "sterlinggym.example", city: "Boston", country: "United States" },
  { name: "Bright Smile Dental", website: "brightsmile.example", city: "Toronto", country: "Canada" },
  { name: "QuickFix Plumbing", website: "quickfix-plumbing.example", city: "Manchester", country: "United Kingdom" },
  { name: "Brightside Solar", website: "brightside-solar.example", city: "Phoenix", country: "United States" },
  { name: "Kramerica Furniture", website: "kramerica.example", city: "Newark", country: "United States" },
  { name: "Vandelay Imports", website: "vandelay.example", city: "New York", country: "United States" },
  { name: "Prestige Worldwide Travel", website: "prestige-travel.example", city: "Sydney", country: "Australia" },
  { name: "Gringott Credit Union", website: "gringott-cu.example", city: "Edinburgh", country: "United Kingdom" },
  { name: "Cyberdyne Internet", website: "cyberdyne-net.example", city: "Austin", country: "United States" },
  { name: "Wonka Sweets", website: "wonka.example", city: "Dublin", country: "Ireland" },
  { name: "Duff Beverages", website: "duff.example", city: "Springfield", country: "United States" },
  { name: "Umbrella Pharmacy", website: "umbrella-pharmacy.example", city: "Raccoon City", country: "United States" },
  { name: "Pied Piper Storage", website: "piedpiper.example", city: "San Jose", country: "United States" },
  { name: "Dunder Paper Supply", website: "dunderpaper.example", city: "Scranton", country: "United States" },
  { name: "Soylent Foods", website: "soylent-foods.example", city: "Portland", country: "United States" },
  { name: "Initech Software", website: "initech.example", city: "Dallas", country: "United States" },
  { name: "Café Müller", website: "cafe-mueller.example", city: "Berlin", country: "Germany" },
];

export const DEMO_PEOPLE = [
  "Dana Whitfield",
  "Sam Okafor",
  "Priya Raman",
  "Lucas Moreau",
  "Mei Chen",
  "Jordan Reyes",
  "Aisha Bello",
  "Tom Becker",
  "Sofia Lindqvist",
  "Kwame Mensah",
  "Elena García",
  "Noah Fischer",
  "Hana Sato",
  "Omar Haddad",
  "Grace O'Neill",
  "Mateo Rossi",
  "Chloe Martin",
  "Ravi Kapoor",
  "Zoe Adams",
  "Yusuf Demir",
];

/** Per category: titles and the sentences a story is made of. */
export const DEMO_STORIES: Record<
  string,
  { titles: string[]; openings: string[]; middles: string[]; endings: string[] }
> = {
  "billing-and-payments": {
    titles: [
      "Charged twice for the same order",
      "Billed for a plan I cancelled in writing",
      "Hidden fees added to my monthly bill",
      "Autopay took money after I closed the account",
      "Late fee charged although I paid on time",
    ],
    openings: [
      "My statement shows the same charge twice, on the same day.",
      "I cancelled in writing and kept the confirmation email, but the charges kept coming.",
      "My bill went up without any notice, with fees nobody ever mentioned.",
    ],
    middles: [
      "I called support three times and each agent told me something different.",
      "They promised to call back within 48 hours. Nobody did.",
      "The chat agent said a refund was on its way, then closed the chat.",
    ],
    endings: [
      "I just want the extra charge refunded.",
      "I want the money back and the account closed properly.",
      "Please explain the fees and remove the ones I never agreed to.",
    ],
  },
  "delivery-and-shipping": {
    titles: [
      "Package marked delivered but never arrived",
      "Order three weeks late with no updates",
      "Parcel left in the rain and ruined",
      "Delivery rescheduled five times",
      "Wrong item delivered and no way to return it",
    ],
    openings: [
      "The tracking page says my parcel was delivered, but nothing came.",
      "I paid for express shipping and the order is now three weeks late.",
      "The driver left the box on the pavement in the rain.",
    ],
    middles: [
      "The courier blames the store and the store blames the courier.",
      "Every time I ask, I get the same copy-pasted answer.",
      "I sent photos the same day. No reply.",
    ],
    endings: [
      "I would like either the item or a full refund.",
      "Please redeliver or refund me.",
      "I want a replacement for the damaged item.",
    ],
  },
  "product-quality": {
    titles: [
      "Washing machine broke after two months",
      "Phone screen cracked by itself",
      "Sofa fabric tearing after a few weeks",
      "Headphones stopped charging within a month",
      "Oven door glass shattered",
    ],
    openings: [
      "The machine stopped working after two months of normal use.",
      "The product was clearly faulty from the start.",
      "It failed well within the warranty period.",
    ],
    middles: [
      "The warranty claim was rejected without anyone looking at it.",
      "They asked me to pay for the inspection of a product under warranty.",
      "I followed every instruction in the manual.",
    ],
    endings: [
      "I want it repaired or replaced, as the warranty says.",
      "A replacement would be fair.",
      "I would accept a repair, at no cost to me.",
    ],
  },
  "customer-service": {
    titles: [
      "Waited two hours on hold, then disconnected",
      "Rude staff and no manager available",
      "Support ticket closed without an answer",
      "Promised callbacks that never happen",
      "Chat support keeps sending me in circles",
    ],
    openings: [
      "I have been trying to reach someone for two weeks.",
      "The staff member was rude and refused to give me their name.",
      "My ticket was marked solved, but nothing was solved.",
    ],
    middles: [
      "Each call ends with a transfer to a department that hangs up.",
      "They asked for the same documents three times.",
      "Nobody takes ownership of the problem.",
    ],
    endings: [
      "I would like an apology and someone who actually handles this.",
      "Please explain what is happening with my case.",
      "I want a straight answer and a fix.",
    ],
  },
  "refunds-and-returns": {
    titles: [
      "Refund promised six weeks ago, still nothing",
      "Return accepted but money never came back",
      "Store refuses return within the return window",
      "Restocking fee never mentioned at purchase",
      "Refund sent as store credit instead of cash",
    ],
    openings: [
      "I returned the item within the window, with the receipt.",
      "They confirmed the return arrived at their warehouse.",
      "The website clearly says 30 days, and I returned it in 10.",
    ],
    middles: [
      "Since then, every message gets an automatic reply.",
      "They now say the refund takes another 30 days.",
      "They offered store credit I never asked for.",
    ],
    endings: [
      "I want the refund to my original payment method.",
      "Please refund the full amount.",
      "I want my money back, not a voucher.",
    ],
  },
  "fraud-and-scams": {
    titles: [
      "Free trial turned into a yearly subscription",
      "Fake discount code led to a charge",
      "Account used for purchases I never made",
      "Seller vanished after payment",
      "Phishing message used their branding",
    ],
    openings: [
      "I signed up for a free trial and was charged for a whole year.",
      "Purchases appeared on my account that I never made.",
      "I paid and the seller stopped answering.",
    ],
    middles: [
      "They refuse to investigate and say it is my fault.",
      "Other people online describe exactly the same thing.",
      "I reported it the same day.",
    ],
    endings: [
      "I want the charges reversed and an explanation.",
      "Please refund me and secure my account.",
      "I want my money returned.",
    ],
  },
  "privacy-and-data": {
    titles: [
      "They keep emailing me after I unsubscribed",
      "Data deletion request ignored for months",
      "My details were shared with a marketing company",
      "Account data leaked in a breach they never announced",
      "Cannot get a copy of my own data",
    ],
    openings: [
      "I unsubscribed from every list months ago.",
      "I asked for my data to be deleted and got no answer.",
      "Marketing calls started right after I signed up with them.",
    ],
    middles: [
      "They replied once to say they would look into it.",
      "The privacy contact address bounces.",
      "Their policy says they answer within 30 days. It has been 90.",
    ],
    endings: [
      "I want my data deleted and written confirmation.",
      "Please stop contacting me and explain who has my data.",
      "I want an explanation of what happened to my data.",
    ],
  },
  "contracts-and-subscriptions": {
    titles: [
      "Impossible to cancel the subscription online",
      "Contract renewed automatically without notice",
      "Early termination fee for a broken service",
      "Price raised in the middle of a fixed contract",
      "Gym membership keeps charging after cancellation",
    ],
    openings: [
      "The website has no way to cancel; only a phone line that never answers.",
      "My contract renewed for another year without any reminder.",
      "The service has not worked for weeks, yet they want a fee to let me leave.",
    ],
    middles: [
      "I sent a written cancellation by recorded mail.",
      "They insist I must come in person to cancel.",
      "The terms they quote are not the ones I signed.",
    ],
    endings: [
      "I want the contract ended without a fee.",
      "Please cancel and refund the charges since my request.",
      "I want the original price honoured.",
    ],
  },
  other: {
    titles: [
      "Loyalty points disappeared from my account",
      "Voucher refused although it was valid",
      "Appointment cancelled at the last minute again",
      "Misleading advertising about what is included",
      "Gift card balance gone",
    ],
    openings: [
      "My points balance dropped to zero overnight.",
      "The shop refused a voucher that was still valid.",
      "They cancelled my appointment an hour before, for the third time.",
    ],
    middles: [
      "Nobody can tell me what happened.",
      "The manager said there is nothing they can do.",
      "I have screenshots of everything.",
    ],
    endings: [
      "I want the balance restored.",
      "An explanation and an apology would be a start.",
      "Please honour what was advertised.",
    ],
  },
};

export const DEMO_REPLIES = [
  "We're sorry about this. Could you send your order number to our support team so we can look into it today?",
  "Thank you for raising this. We have found your account and a specialist will contact you within 48 hours.",
  "We apologise for the trouble. This should not have happened, and we are reviewing what went wrong.",
  "Hello, and sorry for the wait. We have escalated your case to our billing team.",
];

export const DEMO_RESOLUTION_NOTES = [
  "We refunded the duplicate charge in full; it should appear on your statement within 5 days.",
  "A replacement was shipped with express delivery at no cost.",
  "Our technician repaired the unit under warranty.",
  "We explained the charges on the call and removed the late fee as a gesture of goodwill.",
];
