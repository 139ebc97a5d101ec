/**
 * The words of the demo: fictional businesses, each with a trade, and complaints that fit it. Data only.
 *
 * Each trade has scenarios: a title with a slot ({x}) filled by each of its details in turn, so no
 * two complaints share a title; a category and a desired outcome that fit; and the business's
 * resolution, of the kind that outcome asks for (a refund is refunded, a repair repaired).
 */

type Outcome = "refund" | "replacement" | "repair" | "apology" | "explanation" | "other";
type Resolution = "refunded" | "replaced" | "repaired" | "explained" | "other";

export interface DemoScenario {
  title: string;
  details: readonly string[];
  category: string;
  outcome: Outcome;
  /** The opening of the story; {x} is the title's detail. */
  opening: string;
  resolution: { kind: Resolution; note: string };
}

export interface DemoTrade {
  scenarios: readonly DemoScenario[];
  /** Sentences in the middle of a story: what happened when the consumer asked. */
  middles: readonly string[];
  /** The business's first reply. */
  replies: readonly string[];
}

/**
 * How a claimed business answers: the share of complaints it replies to, of those it then resolves,
 * and of those whose author confirms. "new": its complaints all came in the last 12 days, so it is
 * too new for a verdict. Unclaimed businesses never answer.
 */
export type DemoProfile = "excellent" | "good" | "fair" | "poor" | "new";

export const DEMO_PROFILES: Record<DemoProfile, { reply: number; resolve: number; confirm: number }> = {
  excellent: { reply: 1, resolve: 0.9, confirm: 0.85 },
  good: { reply: 0.96, resolve: 0.5, confirm: 0.75 },
  fair: { reply: 0.8, resolve: 0.3, confirm: 0.4 },
  poor: { reply: 0.15, resolve: 0.5, confirm: 0.5 },
  new: { reply: 0.9, resolve: 0.6, confirm: 0.7 },
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const DEMO_TRADES = {
  telecom: {
    scenarios: [
      {
        title: "Broadband down for {x} and no credit on my bill",
        details: [
          "three days",
          "a week",
          "ten days",
          "two weeks",
          "five days",
          "a whole weekend",
          "four days",
          "nine days",
        ],
        category: "customer-service",
        outcome: "refund",
        opening: "My broadband has been down for {x}. I work from home and had to use my phone's data.",
        resolution: {
          kind: "refunded",
          note: "We fixed the fault at the street cabinet and credited the days without service to your account.",
        },
      },
      {
        title: "Charged twice for my {x} bill",
        details: MONTHS,
        category: "billing-and-payments",
        outcome: "refund",
        opening: "My {x} bill was taken from my account twice, on the same day.",
        resolution: {
          kind: "refunded",
          note: "We refunded the second payment for that month in full; it reaches your bank in 3 to 5 days.",
        },
      },
      {
        title: "Price went up by {x} in the middle of my fixed contract",
        details: ["£4 a month", "$6 a month", "$9 a month", "$5 a month", "10%", "15%", "$12 a month"],
        category: "contracts-and-subscriptions",
        outcome: "explanation",
        opening: "My contract says the price is fixed for 24 months, yet my bill went up by {x} without warning.",
        resolution: {
          kind: "explained",
          note: "We explained the mid-contract change on the phone and put you back on the price you signed for.",
        },
      },
      {
        title: "Router replaced {x} and the connection still drops",
        details: ["twice", "three times", "once already", "four times"],
        category: "product-quality",
        outcome: "repair",
        opening: "The router has been replaced {x}, and the connection still drops every evening.",
        resolution: {
          kind: "repaired",
          note: "An engineer replaced the faulty line at the junction box; the connection has been stable since.",
        },
      },
      {
        title: "Cancelled my line in {x}, still being billed",
        details: MONTHS,
        category: "contracts-and-subscriptions",
        outcome: "refund",
        opening: "I cancelled my landline in {x} and have the confirmation email, but the bills kept coming.",
        resolution: {
          kind: "refunded",
          note: "We closed the line as of your cancellation date and refunded every bill since.",
        },
      },
      {
        title: "Engineer missed the {x} appointment",
        details: ["morning", "afternoon", "Saturday", "second", "third", "all-day"],
        category: "customer-service",
        outcome: "apology",
        opening: "I took the day off for the {x} appointment to install my fibre, and nobody came.",
        resolution: {
          kind: "explained",
          note: "We apologised, explained the scheduling error and booked a fixed slot that we kept.",
        },
      },
      {
        title: "Roaming charges of {x} after a trip I was told was covered",
        details: ["$85", "$140", "£60", "$210", "$95", "£120"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "Before my trip I was told roaming was included. My bill shows {x} in roaming charges.",
        resolution: {
          kind: "refunded",
          note: "The roaming add-on was not applied as promised; we refunded the charges.",
        },
      },
      {
        title: "Mobile data capped at {x} though my plan says unlimited",
        details: ["1 GB", "5 GB", "10 GB", "20 GB", "500 MB", "2 GB"],
        category: "contracts-and-subscriptions",
        outcome: "explanation",
        opening: "My plan is sold as unlimited data, yet my speed drops to a crawl after {x} every month.",
        resolution: {
          kind: "explained",
          note: "We explained the fair-use policy, removed the cap from your line and credited last month.",
        },
      },
      {
        title: "Installation fee of {x} after a free installation offer",
        details: ["$99", "$150", "£75", "$60", "$120", "£49"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I signed up under a free installation offer, and my first bill has an installation fee of {x}.",
        resolution: { kind: "refunded", note: "The offer applied to your order; we refunded the installation fee." },
      },
      {
        title: "Number ported away without my consent on {x}",
        details: ["a Monday", "a Friday", "my birthday", "a public holiday"],
        category: "fraud-and-scams",
        outcome: "explanation",
        opening: "On {x} my phone lost signal: someone had moved my number to another provider.",
        resolution: {
          kind: "explained",
          note: "We restored your number, added a port-out PIN and explained how the fraudulent request got through.",
        },
      },
    ],
    middles: [
      "The chat agent ran the same line test three times and then closed the chat.",
      "I was promised a call back within 48 hours. Nobody called.",
      "Each call ends with a transfer to a department that hangs up.",
      "The status page says there is no fault in my area.",
    ],
    replies: [
      "We're sorry about the trouble with your service. We have found your account and a specialist will call you within 48 hours.",
      "Thank you for raising this. We have opened a case with our network team and will update you here.",
      "We apologise: this should not have happened. Could you confirm the account holder's name so we can look into it today?",
    ],
  },
  airline: {
    scenarios: [
      {
        title: "Bag lost on the flight to {x}",
        details: [
          "Lisbon",
          "Denver",
          "Chicago",
          "Toronto",
          "Madrid",
          "Boston",
          "Seattle",
          "Miami",
          "Dublin",
          "Vancouver",
          "Houston",
        ],
        category: "delivery-and-shipping",
        outcome: "refund",
        opening: "My checked bag never arrived in {x}, and the tracking link says it is still being located.",
        resolution: {
          kind: "refunded",
          note: "Your bag was found and delivered, and we reimbursed the essentials you bought while waiting.",
        },
      },
      {
        title: "Flight to {x} cancelled, refund still not paid",
        details: [
          "Rome",
          "Austin",
          "Atlanta",
          "Dallas",
          "Phoenix",
          "Montreal",
          "Orlando",
          "Las Vegas",
          "San Diego",
          "Calgary",
          "Nashville",
        ],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "You cancelled my flight to {x} and I chose a refund instead of a voucher.",
        resolution: { kind: "refunded", note: "We refunded the full fare to your original card." },
      },
      {
        title: "Charged {x} for a seat I had already paid for",
        details: ["$35", "$49", "$60", "$25"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "At check-in I was charged {x} for a seat that was in my booking confirmation.",
        resolution: { kind: "refunded", note: "The seat was already paid for; we refunded the second charge." },
      },
      {
        title: "Checked bag fee of {x} for a bag that fits the cabin rules",
        details: ["$45", "$60", "$35", "$70", "$50"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "At the gate I was made to pay {x} to check a bag that fits the cabin size on your website.",
        resolution: { kind: "refunded", note: "Your bag met the cabin rules; we refunded the fee." },
      },
      {
        title: "Downgraded from {x} with no refund of the difference",
        details: ["business class", "premium economy", "extra legroom", "first class"],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "I paid for {x} and was moved to a standard seat at boarding.",
        resolution: { kind: "refunded", note: "We refunded the fare difference for the downgraded flight." },
      },
      {
        title: "Delayed {x} with no meal vouchers or information",
        details: ["seven hours", "nine hours", "overnight", "five hours", "eleven hours", "six hours", "ten hours"],
        category: "customer-service",
        outcome: "apology",
        opening: "Our flight was delayed {x}. Nobody at the gate could tell us anything.",
        resolution: {
          kind: "explained",
          note: "We explained the technical cause of the delay, apologised and paid the compensation you were due.",
        },
      },
    ],
    middles: [
      "The airport desk sent me to the website, and the website sent me back to the airport desk.",
      "I filled in the online form twice and got only automatic replies.",
      "The phone line says waiting times are very high, then hangs up.",
    ],
    replies: [
      "We're sorry for your journey. Please send us your booking reference and we will look into it today.",
      "Thank you for your patience. Your case is now with our customer relations team.",
    ],
  },
  insurance: {
    scenarios: [
      {
        title: "Claim for {x} rejected without an inspection",
        details: [
          "water damage",
          "a burst pipe",
          "a storm-damaged roof",
          "a stolen bike",
          "a broken window",
          "a kitchen fire",
        ],
        category: "customer-service",
        outcome: "explanation",
        opening: "My claim for {x} was rejected by letter, without anyone coming to look.",
        resolution: {
          kind: "explained",
          note: "We sent an assessor, reopened the claim and explained the decision in writing; the claim is now paid.",
        },
      },
      {
        title: "Premium went up {x} at renewal with no claims",
        details: ["40%", "25%", "60%", "35%", "50%"],
        category: "contracts-and-subscriptions",
        outcome: "explanation",
        opening: "I have never made a claim, yet my renewal premium went up {x}.",
        resolution: {
          kind: "explained",
          note: "We explained how the renewal was priced and matched the price we offer new customers.",
        },
      },
      {
        title: "Claim for {x} open for months with no decision",
        details: ["hail damage", "a flooded basement", "a fallen tree", "subsidence"],
        category: "customer-service",
        outcome: "apology",
        opening: "My claim for {x} has been open for months, and every call gets a new case handler.",
        resolution: {
          kind: "explained",
          note: "We apologised for the delay, gave you one named handler and settled the claim.",
        },
      },
      {
        title: "Car claim after {x} paid short",
        details: ["a rear-end collision", "a hit-and-run", "a hailstorm", "a parking scrape", "a flood"],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "My car claim after {x} was settled for far less than the garage's repair quote.",
        resolution: {
          kind: "refunded",
          note: "We recalculated the settlement against the garage's quote and paid the shortfall.",
        },
      },
      {
        title: "Policy cancelled for a missed payment in {x}",
        details: ["March", "July", "October", "January"],
        category: "billing-and-payments",
        outcome: "explanation",
        opening: "My policy was cancelled because a payment in {x} failed, and nobody told me.",
        resolution: {
          kind: "explained",
          note: "We reinstated the policy with no gap in cover and explained the reminder that never reached you.",
        },
      },
    ],
    middles: [
      "They asked for the same photos and receipts three times.",
      "The claims line said someone would call within five working days. Nobody did.",
      "The letter quotes a clause that is not in my policy documents.",
    ],
    replies: [
      "We're sorry about how your claim has been handled. A senior claims handler will call you today.",
      "Thank you for telling us. We have reviewed your file and a specialist will contact you within 24 hours.",
    ],
  },
  bank: {
    scenarios: [
      {
        title: "Card blocked while I was in {x}",
        details: ["Spain", "Japan", "Mexico", "Italy", "Canada", "Portugal", "France", "Thailand", "Brazil"],
        category: "customer-service",
        outcome: "apology",
        opening:
          "My card was blocked on the second day of my trip to {x}, although I had told the bank I was travelling.",
        resolution: {
          kind: "explained",
          note: "We explained why the fraud check blocked the card, removed the block and apologised.",
        },
      },
      {
        title: "Overdraft fee of {x} after a deposit that had cleared",
        details: ["$35", "$29", "£25", "$38", "£15", "$32", "£20"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I was charged an overdraft fee of {x}, although my salary had cleared that morning.",
        resolution: { kind: "refunded", note: "The fee was charged in error; we refunded it." },
      },
      {
        title: "Payments I never made: {x} taken from my account",
        details: ["$420", "$1,250", "£300", "$89 twelve times", "$760"],
        category: "fraud-and-scams",
        outcome: "refund",
        opening: "{x} left my account in payments I never made.",
        resolution: {
          kind: "refunded",
          note: "We confirmed the payments were fraudulent, refunded them and issued a new card.",
        },
      },
      {
        title: "Mortgage statement sent to my old address in {x}",
        details: ["Denver", "Leeds", "Dublin", "Austin", "Boston", "Glasgow"],
        category: "privacy-and-data",
        outcome: "explanation",
        opening: "I updated my address a year ago, yet my mortgage statement went to my old flat in {x}.",
        resolution: {
          kind: "explained",
          note: "We corrected the address on every account and explained how the old one was still used.",
        },
      },
      {
        title: "Transfer of {x} stuck for a week",
        details: ["$2,000", "£800", "$5,400", "$950", "£1,200", "$3,100"],
        category: "customer-service",
        outcome: "explanation",
        opening: "A transfer of {x} to my landlord left my account a week ago and never arrived.",
        resolution: {
          kind: "explained",
          note: "We traced the transfer, which a manual check had held, released it and explained the delay.",
        },
      },
      {
        title: "Account closed with {x} notice and my money held",
        details: ["no", "two days'", "a week's"],
        category: "contracts-and-subscriptions",
        outcome: "explanation",
        opening: "My account was closed with {x} notice, and my balance has been held since.",
        resolution: {
          kind: "explained",
          note: "We released your balance and explained the review that led to the closure.",
        },
      },
    ],
    middles: [
      "The branch told me to call, and the phone line told me to visit the branch.",
      "The app shows the charge as pending forever.",
      "I have sent the same form three times and each time they say it was not received.",
    ],
    replies: [
      "We're sorry to hear this. For your security, please don't post account details here; a specialist will call you on the number we hold.",
      "Thank you for raising this. We have escalated it to our complaints team, who will contact you within two working days.",
    ],
  },
  energy: {
    scenarios: [
      {
        title: "Estimated bill of {x} for a month I was away",
        details: ["$380", "£290", "$510", "$440", "£350"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I was away the whole month, yet my estimated bill came to {x}.",
        resolution: { kind: "refunded", note: "We billed the actual meter reading and refunded the difference." },
      },
      {
        title: "Smart meter stopped sending readings in {x}",
        details: MONTHS.slice(0, 8),
        category: "product-quality",
        outcome: "repair",
        opening: "My smart meter stopped sending readings in {x}, and the bills are guesses since.",
        resolution: {
          kind: "repaired",
          note: "An engineer replaced the meter's communications hub; readings arrive again.",
        },
      },
      {
        title: "Switched away in {x}, final bill never came",
        details: ["April", "June", "September", "November", "February"],
        category: "contracts-and-subscriptions",
        outcome: "refund",
        opening: "I switched supplier in {x}; my account is in credit and I never got a final bill.",
        resolution: {
          kind: "refunded",
          note: "We sent the final bill and refunded the credit balance to your bank account.",
        },
      },
      {
        title: "Direct debit raised to {x} a month without a reason",
        details: ["$240", "£180", "$310", "$275"],
        category: "billing-and-payments",
        outcome: "explanation",
        opening: "My direct debit went up to {x} a month, though my usage is the same as last year.",
        resolution: {
          kind: "explained",
          note: "We explained the new tariff and set the direct debit back to match your usage.",
        },
      },
    ],
    middles: [
      "I sent photos of the meter reading twice.",
      "The online account shows a different balance from the letter.",
      "Every agent promises to escalate it, and nothing changes.",
    ],
    replies: [
      "We're sorry about your bill. Please send us a meter reading and your account number privately, and we'll correct it.",
      "Thank you for letting us know. We have asked our billing team to review your account this week.",
    ],
  },
  retail: {
    scenarios: [
      {
        title: "Ordered {x}, received something else",
        details: [
          "a blue sofa cover",
          "size 10 running shoes",
          "a 55-inch TV stand",
          "two office chairs",
          "a king-size duvet",
          "a garden hose reel",
          "a coffee grinder",
          "a set of saucepans",
        ],
        category: "delivery-and-shipping",
        outcome: "replacement",
        opening: "I ordered {x} and the box held something else entirely.",
        resolution: {
          kind: "replaced",
          note: "We collected the wrong item and delivered the one you ordered, at no cost.",
        },
      },
      {
        title: "Return of {x} accepted, refund never paid",
        details: [
          "a winter coat",
          "a vacuum cleaner",
          "a desk lamp",
          "a pair of boots",
          "a printer",
          "a bookcase",
          "a rug",
          "a blender",
        ],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "The warehouse confirmed my return of {x} weeks ago, but the refund never came.",
        resolution: { kind: "refunded", note: "Your return was received; we refunded the full amount to your card." },
      },
      {
        title: "{x} arrived broken",
        details: ["Ceramic lamp", "Mirror", "Stand mixer", "Kettle", "Toaster", "Desk fan"],
        category: "product-quality",
        outcome: "replacement",
        opening: "The {x} arrived broken, in a box that looked fine from the outside.",
        resolution: {
          kind: "replaced",
          note: "We sent a replacement with extra packaging and collected the broken one.",
        },
      },
      {
        title: "Promo code for {x} refused at checkout",
        details: ["20% off", "free delivery", "$10 off", "a free gift"],
        category: "other",
        outcome: "refund",
        opening: "The code for {x} from your own email was refused at checkout, so I paid full price.",
        resolution: { kind: "refunded", note: "We refunded the discount you should have had." },
      },
      {
        title: "Account used to order {x} I never bought",
        details: ["two phones", "gift cards", "a laptop", "headphones"],
        category: "fraud-and-scams",
        outcome: "refund",
        opening: "Someone used my account to order {x}, charged to my saved card.",
        resolution: {
          kind: "refunded",
          note: "We cancelled the orders, refunded the charges and secured your account.",
        },
      },
      {
        title: "Marketing emails every day since I unsubscribed in {x}",
        details: ["March", "June", "August", "December"],
        category: "privacy-and-data",
        outcome: "apology",
        opening: "I unsubscribed in {x}, and I still get marketing emails every day.",
        resolution: {
          kind: "explained",
          note: "We removed your address from every list, apologised and explained the fault in our sign-up system.",
        },
      },
    ],
    middles: [
      "Customer service sent the same copy-pasted answer three times.",
      "They asked for photos, which I sent the same day. No reply.",
      "The chat says my case is closed, though nothing was solved.",
    ],
    replies: [
      "We're sorry about your order. Please send us your order number and we'll sort it out today.",
      "Thank you for your patience. We have passed this to our returns team, who will email you within two days.",
    ],
  },
  delivery: {
    scenarios: [
      {
        title: "Parcel marked delivered on {x}, never arrived",
        details: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Christmas Eve"],
        category: "delivery-and-shipping",
        outcome: "refund",
        opening: "The tracking says my parcel was delivered on {x}, but nothing came and my neighbours saw no one.",
        resolution: {
          kind: "refunded",
          note: "The driver's photo showed another address; we refunded the shipping and paid the sender's claim.",
        },
      },
      {
        title: "Delivery rescheduled {x}",
        details: ["five times", "four times", "three weeks in a row", "every day this week"],
        category: "delivery-and-shipping",
        outcome: "apology",
        opening: "My delivery has been rescheduled {x}, and each time I stayed home.",
        resolution: {
          kind: "explained",
          note: "We apologised, explained the depot backlog and delivered on a fixed day.",
        },
      },
      {
        title: "Parcel left {x} and ruined",
        details: ["in the rain", "in a puddle", "on the pavement", "by the bins"],
        category: "delivery-and-shipping",
        outcome: "refund",
        opening: "The driver left my parcel {x}; the contents were ruined.",
        resolution: { kind: "refunded", note: "We refunded the value of the damaged contents." },
      },
      {
        title: "Customs fee of {x} charged twice",
        details: ["$18", "£12", "$25"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I paid the {x} customs fee online, and the driver asked for it again at the door.",
        resolution: { kind: "refunded", note: "We refunded the second customs payment." },
      },
    ],
    middles: [
      "The courier blames the sender and the sender blames the courier.",
      "The depot's phone number rings out.",
      "The driver's photo shows a door that is not mine.",
    ],
    replies: [
      "We're sorry your parcel didn't arrive as it should. Please send us the tracking number and we'll investigate.",
      "Thank you for raising this. We have asked the local depot to check the driver's record.",
    ],
  },
  software: {
    scenarios: [
      {
        title: "Charged for a {x} plan after I downgraded",
        details: ["Pro", "Team", "Business", "Premium", "Enterprise", "Starter", "Plus"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I downgraded to the free plan, yet I was charged for the {x} plan again.",
        resolution: { kind: "refunded", note: "The downgrade did not apply because of a bug; we refunded the charge." },
      },
      {
        title: "Lost {x} after a sync error",
        details: ["two years of files", "a month of files", "three projects", "all my photos"],
        category: "product-quality",
        outcome: "repair",
        opening: "A sync error deleted {x} from every device I own.",
        resolution: { kind: "repaired", note: "We restored your files from our backups and fixed the sync fault." },
      },
      {
        title: "Free trial turned into a {x} subscription",
        details: ["yearly", "two-year", "monthly"],
        category: "fraud-and-scams",
        outcome: "refund",
        opening: "I signed up for a free trial and was charged for a {x} subscription without any reminder.",
        resolution: {
          kind: "refunded",
          note: "We refunded the subscription and now send a reminder before every trial ends.",
        },
      },
      {
        title: "Data deletion request from {x} ignored",
        details: ["January", "April", "last summer", "six months ago", "March", "October"],
        category: "privacy-and-data",
        outcome: "explanation",
        opening: "I asked for my account and data to be deleted in {x}. The account is still there.",
        resolution: {
          kind: "explained",
          note: "We deleted your data, confirmed it in writing and explained why the first request was missed.",
        },
      },
      {
        title: "Locked out of my account for {x}",
        details: ["a week", "ten days", "a month", "two weeks", "three days"],
        category: "customer-service",
        outcome: "other",
        opening: "I have been locked out of my account for {x}, and the recovery form never answers.",
        resolution: {
          kind: "other",
          note: "We verified your identity by video call and restored access to the account.",
        },
      },
    ],
    middles: [
      "Support tickets get closed automatically after 48 hours.",
      "The help pages describe settings that no longer exist.",
      "The only answer is a link to the community forum.",
    ],
    replies: [
      "Sorry for the trouble. Please open a ticket with the email on your account and reply here with its number.",
      "Thanks for flagging this. Our support lead is looking at your account now.",
    ],
  },
  "car-rental": {
    scenarios: [
      {
        title: "Charged {x} for damage that was already there",
        details: ["$450", "$320", "$780", "$210", "$600"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "Weeks after I returned the car, I was charged {x} for a scratch I had photographed at pick-up.",
        resolution: {
          kind: "refunded",
          note: "Your pick-up photos show the damage was there before; we refunded the charge.",
        },
      },
      {
        title: "Booked a {x}, given a much smaller car",
        details: ["minivan", "SUV", "seven-seater", "estate car"],
        category: "other",
        outcome: "refund",
        opening: "I booked and paid for a {x} for a family trip; the desk gave us a small hatchback.",
        resolution: { kind: "refunded", note: "We refunded the difference between the two car classes." },
      },
      {
        title: "Deposit of {x} never released",
        details: ["$300", "$500", "$250", "$400"],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "I returned the car on time and undamaged, but the {x} deposit is still held.",
        resolution: { kind: "refunded", note: "We released the deposit; your bank shows it within 5 days." },
      },
      {
        title: "Fuel charge of {x} after returning a full tank",
        details: ["$95", "$120", "$80"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I returned the car with a full tank and a receipt, and was charged {x} for fuel.",
        resolution: { kind: "refunded", note: "We refunded the fuel charge." },
      },
    ],
    middles: [
      "The branch says head office decides, and head office says the branch does.",
      "I sent the photos and the receipt twice.",
    ],
    replies: [
      "We're sorry about your rental. Please send us your rental agreement number and we will review the charges.",
      "Thank you for your message. Our damage team will look at your pick-up photos this week.",
    ],
  },
  travel: {
    scenarios: [
      {
        title: "Trip to {x} cancelled, only a voucher offered",
        details: ["Bali", "Iceland", "the Greek islands", "Alaska", "Lisbon", "Morocco", "Peru", "Kenya", "Croatia"],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "Our trip to {x} was cancelled by the company, and they offer only a voucher.",
        resolution: { kind: "refunded", note: "You are entitled to a cash refund; we paid it in full." },
      },
      {
        title: "Cabin on the {x} cruise not the one we paid for",
        details: ["Caribbean", "Mediterranean", "Norwegian fjords", "Alaska"],
        category: "other",
        outcome: "refund",
        opening: "We paid for a balcony cabin on the {x} cruise and were put in an inside cabin.",
        resolution: { kind: "refunded", note: "We refunded the difference in cabin price and added onboard credit." },
      },
      {
        title: "Hotel in {x} had no booking for us",
        details: ["Rome", "Paris", "Sydney", "Barcelona"],
        category: "customer-service",
        outcome: "refund",
        opening: "We arrived at the hotel in {x} at midnight and they had no booking in our name.",
        resolution: { kind: "refunded", note: "We refunded the hotel nights and the taxi to the hotel we found." },
      },
    ],
    middles: [
      "The emergency number on our documents went to voicemail.",
      "They say it is the hotel's fault; the hotel says it is theirs.",
    ],
    replies: [
      "We're very sorry about your trip. Please send us your booking reference and we will review it urgently.",
    ],
  },
  appliances: {
    scenarios: [
      {
        title: "{x} died a month after the warranty ended",
        details: ["Dishwasher", "Fridge", "Tumble dryer", "Oven"],
        category: "product-quality",
        outcome: "repair",
        opening: "Our {x} stopped working a month after the warranty ended, after very light use.",
        resolution: { kind: "repaired", note: "We repaired it free of charge as a goodwill gesture." },
      },
      {
        title: "Washing machine broke after {x}",
        details: ["two months", "six weeks", "three months"],
        category: "product-quality",
        outcome: "repair",
        opening: "The washing machine stopped mid-cycle after {x} and shows an error code.",
        resolution: { kind: "repaired", note: "Our technician replaced the control board under warranty." },
      },
      {
        title: "Asked to pay {x} to inspect an appliance under warranty",
        details: ["$60", "$45", "$80"],
        category: "refunds-and-returns",
        outcome: "refund",
        opening: "The service centre wants {x} just to look at an appliance that is under warranty.",
        resolution: { kind: "refunded", note: "Inspections under warranty are free; we refunded the fee." },
      },
    ],
    middles: [
      "The warranty claim was rejected without anyone looking at it.",
      "The service centre says the part is on back order, with no date.",
    ],
    replies: ["We're sorry to hear about your appliance. Please send us the serial number and proof of purchase."],
  },
  electronics: {
    scenarios: [
      {
        title: "Phone screen cracked by itself after {x}",
        details: ["a week", "three weeks", "two months"],
        category: "product-quality",
        outcome: "replacement",
        opening: "The phone screen cracked on its own after {x}, in a case, without a fall.",
        resolution: { kind: "replaced", note: "We replaced the phone." },
      },
      {
        title: "Headphones stopped charging within {x}",
        details: ["a month", "two weeks", "ten days"],
        category: "product-quality",
        outcome: "replacement",
        opening: "My headphones stopped charging within {x}.",
        resolution: { kind: "replaced", note: "We sent a new pair." },
      },
      {
        title: "Laptop {x} within the warranty, repair refused",
        details: ["hinge snapped", "battery swelled", "keyboard failed"],
        category: "refunds-and-returns",
        outcome: "repair",
        opening: "My laptop's {x} within the warranty, and the repair was refused as accidental damage.",
        resolution: { kind: "repaired", note: "We repaired the laptop under warranty." },
      },
    ],
    middles: ["The store sends me to the manufacturer, and the manufacturer sends me back to the store."],
    replies: ["We're sorry about your device. Please send us the serial number and your receipt."],
  },
  furniture: {
    scenarios: [
      {
        title: "Sofa delivered {x} late",
        details: ["six weeks", "three months", "two months"],
        category: "delivery-and-shipping",
        outcome: "refund",
        opening: "Our sofa came {x} after the date we were promised when we paid.",
        resolution: { kind: "refunded", note: "We refunded the delivery charge and 15% of the price for the delay." },
      },
      {
        title: "{x} arrived broken",
        details: ["Glass coffee table", "Bed frame", "Dining chair", "Bookshelf", "Wardrobe door"],
        category: "product-quality",
        outcome: "replacement",
        opening: "The {x} arrived broken, in a box that looked fine from the outside.",
        resolution: {
          kind: "replaced",
          note: "We sent a replacement with extra packaging and collected the broken one.",
        },
      },
    ],
    middles: ["The showroom says delivery is a separate company; the delivery company says to ask the showroom."],
    replies: ["We're sorry about your furniture. Please send us your order number and a photo."],
  },
  "office-supplies": {
    scenarios: [
      {
        title: "Order of {x} of paper arrived damp",
        details: ["20 boxes", "10 reams", "5 boxes", "a pallet"],
        category: "delivery-and-shipping",
        outcome: "replacement",
        opening: "Our order of {x} of printer paper arrived damp and curled, and it jams every printer.",
        resolution: { kind: "replaced", note: "We replaced the order from a dry warehouse." },
      },
      {
        title: "Invoiced {x} for toner we sent back",
        details: ["$240", "$180"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "We returned the wrong toner cartridges, and were still invoiced {x} for them.",
        resolution: { kind: "refunded", note: "We cancelled the invoice for the returned toner." },
      },
    ],
    middles: ["Our account manager has not answered an email in a month."],
    replies: ["We're sorry. Please send us the invoice number and we will correct it."],
  },
  gym: {
    scenarios: [
      {
        title: "Membership still charged {x} after I cancelled",
        details: ["every month", "for three months", "twice"],
        category: "contracts-and-subscriptions",
        outcome: "refund",
        opening: "I cancelled my membership in writing and was charged {x} afterwards.",
        resolution: { kind: "refunded", note: "We refunded every payment after your cancellation." },
      },
      {
        title: "Told to cancel in person at the {x} club",
        details: ["downtown", "riverside"],
        category: "contracts-and-subscriptions",
        outcome: "other",
        opening: "I moved away, and they insist I must cancel in person at the {x} club.",
        resolution: { kind: "other", note: "We cancelled the membership by email." },
      },
      {
        title: "Classes cancelled {x} with no refund",
        details: ["every week this month", "three times in a row"],
        category: "customer-service",
        outcome: "refund",
        opening: "The classes I paid for were cancelled {x}.",
        resolution: { kind: "refunded", note: "We refunded the cancelled classes." },
      },
    ],
    middles: ["The front desk says only the manager can help, and the manager is never in."],
    replies: ["We're sorry. Please send us your membership number and we will sort this out."],
  },
  dental: {
    scenarios: [
      {
        title: "Billed {x} for a check-up my plan covers",
        details: ["$150", "$220", "$95"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I was billed {x} for a routine check-up that my dental plan covers in full.",
        resolution: { kind: "refunded", note: "We resubmitted the claim to your plan and refunded you." },
      },
      {
        title: "Crown came loose after {x}",
        details: ["a week", "a month", "two months"],
        category: "product-quality",
        outcome: "repair",
        opening: "My new crown came loose after {x}.",
        resolution: { kind: "repaired", note: "We refitted the crown at no charge." },
      },
      {
        title: "Appointment cancelled {x} at the last minute",
        details: ["twice", "for the third time", "again"],
        category: "customer-service",
        outcome: "apology",
        opening: "My appointment was cancelled {x}, an hour before, after I had left work.",
        resolution: { kind: "explained", note: "We apologised and explained the staffing problem." },
      },
    ],
    middles: ["Reception says the billing office handles it; the billing office never calls back."],
    replies: ["We're sorry about your visit. Please call our practice manager directly."],
  },
  plumbing: {
    scenarios: [
      {
        title: "Boiler {x} and the engineer never came back",
        details: [
          "still leaking",
          "still cold",
          "still noisy",
          "still showing an error",
          "still dripping",
          "making a banging noise",
        ],
        category: "customer-service",
        outcome: "repair",
        opening: "After the visit, my boiler is {x}, and the engineer never came back as promised.",
        resolution: { kind: "repaired", note: "Our engineer replaced the faulty valve and tested the system." },
      },
      {
        title: "Charged {x} for a job that took twenty minutes",
        details: ["$380", "£240", "$290", "£310", "$420", "£199"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "I was charged {x} for twenty minutes' work, against a quote that said far less.",
        resolution: { kind: "refunded", note: "We refunded the difference from the quote." },
      },
      {
        title: "Burst pipe {x} after the repair",
        details: ["still dripping", "leaking again", "dripping into the flat below"],
        category: "product-quality",
        outcome: "repair",
        opening: "The pipe under the sink is {x}, a week after they came to fix it.",
        resolution: { kind: "repaired", note: "We replaced the whole section of pipe at no charge." },
      },
    ],
    middles: ["The office promised a call back the same day. It has been two weeks."],
    replies: ["We're sorry. Please send us your job number and we'll arrange a visit."],
  },
  solar: {
    scenarios: [
      {
        title: "Solar panels producing {x} of what was promised",
        details: ["half", "a third", "60%"],
        category: "product-quality",
        outcome: "repair",
        opening: "Our solar panels produce {x} of what the sales rep promised.",
        resolution: { kind: "repaired", note: "We replaced a faulty inverter; output now matches the estimate." },
      },
      {
        title: "Roof leaking since the solar installation in {x}",
        details: ["May", "August"],
        category: "product-quality",
        outcome: "repair",
        opening: "Since the panels were installed in {x}, the roof leaks when it rains.",
        resolution: { kind: "repaired", note: "We resealed the mounting points and repaired the damaged ceiling." },
      },
    ],
    middles: ["The installer says the roofer is responsible, and the roofer says the installer is."],
    replies: ["We're sorry. Please send us your installation number and we'll send a surveyor."],
  },
  food: {
    scenarios: [
      {
        title: "Found {x} in my order",
        details: ["a piece of plastic", "a hair", "a bolt", "mould", "glass", "a stone"],
        category: "product-quality",
        outcome: "refund",
        opening: "I found {x} in my order, and I have kept it and the packaging.",
        resolution: { kind: "refunded", note: "We refunded the order and our quality team traced the batch." },
      },
      {
        title: "Subscription box charged after I paused it in {x}",
        details: ["May", "September", "December"],
        category: "contracts-and-subscriptions",
        outcome: "refund",
        opening: "I paused my subscription box in {x} and was charged anyway.",
        resolution: { kind: "refunded", note: "We refunded the boxes charged while paused." },
      },
      {
        title: "{x} delivered melted",
        details: ["Chocolate gift box", "Ice cream order", "Birthday cake", "Chocolate hamper", "Truffle selection"],
        category: "delivery-and-shipping",
        outcome: "replacement",
        opening: "The {x} arrived melted on a hot day, sent without cooling.",
        resolution: { kind: "replaced", note: "We sent a replacement in insulated packaging." },
      },
      {
        title: "No {x} allergy warning on the label",
        details: ["peanut", "sesame", "gluten", "milk", "egg"],
        category: "other",
        outcome: "explanation",
        opening: "There was no {x} allergy warning on the label, and my son reacted.",
        resolution: { kind: "explained", note: "We recalled the batch and explained the labelling error." },
      },
    ],
    middles: ["The customer line took my details and promised a call back that never came."],
    replies: ["We're very sorry. Please send us the batch number from the packaging."],
  },
  cafe: {
    scenarios: [
      {
        title: "Charged {x} for a table we never sat at",
        details: ["a no-show fee", "a deposit", "a cancellation fee"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "We were charged {x} after cancelling our booking two days ahead.",
        resolution: { kind: "refunded", note: "We refunded the fee." },
      },
      {
        title: "Bill included {x} we never ordered",
        details: ["two bottles of wine", "a dessert platter", "three extra cocktails"],
        category: "billing-and-payments",
        outcome: "refund",
        opening: "Our bill included {x} that we never ordered, and the card machine had already taken it.",
        resolution: { kind: "refunded", note: "We refunded the items that were not yours." },
      },
      {
        title: "Waited {x} for a table we had booked",
        details: ["an hour", "45 minutes"],
        category: "customer-service",
        outcome: "apology",
        opening: "We waited {x} for the table we had booked for a birthday.",
        resolution: { kind: "explained", note: "We apologised and explained the double booking." },
      },
    ],
    middles: ["The manager said there is nothing they can do."],
    replies: ["We're sorry about your visit. Please email us and we'll put it right."],
  },
  pharmacy: {
    scenarios: [
      {
        title: "Prescription ready {x} late",
        details: ["a week", "five days", "two weeks"],
        category: "customer-service",
        outcome: "apology",
        opening: "My repeat prescription was ready {x} late, and I ran out of my medication.",
        resolution: {
          kind: "explained",
          note: "We apologised and explained the supply problem; your prescriptions are now set aside early.",
        },
      },
      {
        title: "Sold {x} medicine past its expiry date",
        details: ["cough", "allergy", "pain"],
        category: "product-quality",
        outcome: "refund",
        opening: "The {x} medicine I bought was past its expiry date.",
        resolution: { kind: "refunded", note: "We refunded you and checked the shelf stock." },
      },
      {
        title: "My prescription details shown to {x}",
        details: ["another customer", "a delivery driver"],
        category: "privacy-and-data",
        outcome: "explanation",
        opening: "My name and prescription were shown to {x}.",
        resolution: {
          kind: "explained",
          note: "We explained what happened and retrained the team on confidentiality.",
        },
      },
    ],
    middles: ["The pharmacist said head office deals with complaints, and head office never answers."],
    replies: ["We're sorry. Please contact our pharmacy manager directly so we can look into this."],
  },
} satisfies Record<string, DemoTrade>;

export type DemoTradeKey = keyof typeof DEMO_TRADES;

/** The businesses, most complained about first; the first ten are claimed and answer as their profile says. */
export const DEMO_BUSINESSES: {
  name: string;
  website: string;
  city: string;
  country: string;
  trade: DemoTradeKey;
  profile?: DemoProfile;
}[] = [
  {
    name: "Northwind Telecom",
    website: "northwind-telecom.example",
    city: "Seattle",
    country: "United States",
    trade: "telecom",
    profile: "good",
  },
  {
    name: "Bluebird Airlines",
    website: "bluebird-air.example",
    city: "Denver",
    country: "United States",
    trade: "airline",
    profile: "fair",
  },
  {
    name: "Acme Home Insurance",
    website: "acme-insurance.example",
    city: "Hartford",
    country: "United States",
    trade: "insurance",
    profile: "excellent",
  },
  {
    name: "Zenith Bank",
    website: "zenithbank.example",
    city: "Charlotte",
    country: "United States",
    trade: "bank",
    profile: "poor",
  },
  {
    name: "Globex Energy",
    website: "globex-energy.example",
    city: "Houston",
    country: "United States",
    trade: "energy",
    profile: "good",
  },
  {
    name: "MegaMart Online",
    website: "megamart.example",
    city: "Bentonville",
    country: "United States",
    trade: "retail",
    profile: "excellent",
  },
  {
    name: "Planet Express Delivery",
    website: "planetexpress.example",
    city: "New York",
    country: "United States",
    trade: "delivery",
    profile: "poor",
  },
  {
    name: "Everest Mobile",
    website: "everestmobile.example",
    city: "London",
    country: "United Kingdom",
    trade: "telecom",
    profile: "excellent",
  },
  {
    name: "Hooli Cloud",
    website: "hooli.example",
    city: "Palo Alto",
    country: "United States",
    trade: "software",
    profile: "new",
  },
  {
    name: "Monarch Car Rental",
    website: "monarch-rentals.example",
    city: "Orlando",
    country: "United States",
    trade: "car-rental",
    profile: "good",
  },
  {
    name: "Oceanic Cruises",
    website: "oceanic-cruises.example",
    city: "Miami",
    country: "United States",
    trade: "travel",
  },
  {
    name: "Stark Appliances",
    website: "stark-appliances.example",
    city: "Chicago",
    country: "United States",
    trade: "appliances",
  },
  {
    name: "Tyrell Electronics",
    website: "tyrell.example",
    city: "Los Angeles",
    country: "United States",
    trade: "electronics",
  },
  { name: "Sterling Gym", website: "sterlinggym.example", city: "Boston", country: "United States", trade: "gym" },
  { name: "Bright Smile Dental", website: "brightsmile.example", city: "Toronto", country: "Canada", trade: "dental" },
  {
    name: "QuickFix Plumbing",
    website: "quickfix-plumbing.example",
    city: "Manchester",
    country: "United Kingdom",
    trade: "plumbing",
  },
  {
    name: "Brightside Solar",
    website: "brightside-solar.example",
    city: "Phoenix",
    country: "United States",
    trade: "solar",
  },
  {
    name: "Kramerica Furniture",
    website: "kramerica.example",
    city: "Newark",
    country: "United States",
    trade: "furniture",
  },
  {
    name: "Vandelay Imports",
    website: "vandelay.example",
    city: "New York",
    country: "United States",
    trade: "retail",
  },
  {
    name: "Prestige Worldwide Travel",
    website: "prestige-travel.example",
    city: "Sydney",
    country: "Australia",
    trade: "travel",
  },
  {
    name: "Gringott Credit Union",
    website: "gringott-cu.example",
    city: "Edinburgh",
    country: "United Kingdom",
    trade: "bank",
  },
  {
    name: "Cyberdyne Internet",
    website: "cyberdyne-net.example",
    city: "Austin",
    country: "United States",
    trade: "telecom",
  },
  { name: "Wonka Sweets", website: "wonka.example", city: "Dublin", country: "Ireland", trade: "food" },
  { name: "Duff Beverages", website: "duff.example", city: "Springfield", country: "United States", trade: "food" },
  {
    name: "Umbrella Pharmacy",
    website: "umbrella-pharmacy.example",
    city: "Raccoon City",
    country: "United States",
    trade: "pharmacy",
  },
  {
    name: "Pied Piper Storage",
    website: "piedpiper.example",
    city: "San Jose",
    country: "United States",
    trade: "software",
  },
  {
    name: "Dunder Paper Supply",
    website: "dunderpaper.example",
    city: "Scranton",
    country: "United States",
    trade: "office-supplies",
  },
  {
    name: "Soylent Foods",
    website: "soylent-foods.example",
    city: "Portland",
    country: "United States",
    trade: "food",
  },
  { name: "Initech Software", website: "initech.example", city: "Dallas", country: "United States", trade: "software" },
  { name: "Café Müller", website: "cafe-mueller.example", city: "Berlin", country: "Germany", trade: "cafe" },
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

/** How a story ends: what the consumer asks for, matching the desired outcome on the form. */
export const DEMO_ENDINGS: Record<Outcome, readonly string[]> = {
  refund: ["I want a full refund.", "I just want my money back.", "Please refund what I was charged."],
  replacement: ["I want a replacement for the item.", "A replacement would be fair."],
  repair: ["I want it repaired properly, at no cost to me.", "Please fix it, as you promised."],
  apology: ["An apology and someone who actually handles this would be a start.", "I would like an apology."],
  explanation: ["I want a clear explanation of what happened.", "Please explain how this happened and put it right."],
  other: ["I want this put right.", "Please sort this out."],
};

/** What a consumer says disputing a resolution, by its kind. */
export const DEMO_DISPUTES: Record<Resolution, string> = {
  refunded: "The refund they promised still hasn't arrived.",
  replaced: "The replacement has not arrived yet.",
  repaired: "The same fault came back two days later.",
  explained: "The explanation does not match what happened to me.",
  other: "Nothing has actually changed.",
};

/** The consumer's follow-ups while waiting: they fit any trade. */
export const DEMO_UPDATES = [
  "Still no answer. I have sent another email today.",
  "They called me back, but only to read the same script again.",
  "A week later and nothing has changed.",
];
