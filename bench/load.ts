/**
 * One load measurement, in its own process so the load generator is not the runner: reads a
 * LoadSpec as JSON from argv[2], runs autocannon, prints a LoadResult as JSON on stdout.
 * A filing spec makes every request a fresh complaint form, cycling through logged-in sessions.
 */
import autocannon from "autocannon";

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  filing?: {
    sessions: { cookie: string; csrf: string }[];
    businesses: string[];
    incidentDate: string;
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  total: number;
  bytesPerRequest: number;
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;

function filingRequests(filing: NonNullable<LoadSpec["filing"]>): autocannon.Request[] {
  let n = 0;
  const products = ["washing machine", "laptop", "sofa", "phone plan", "flight", "mattress", "fridge", "kettle"];
  return [
    {
      method: "POST",
      setupRequest: (req) => {
        const i = n++;
        const session = filing.sessions[i % filing.sessions.length]!;
        const business = filing.businesses[i % filing.businesses.length]!;
        const product = products[i % products.length]!;
        const form = new URLSearchParams({
          _csrf: session.csrf,
          business_name: business,
          business_choice: business,
          title: `Filed in the benchmark ${process.pid}-${i}: ${product} never arrived`,
          body: `Run ${process.pid}, filing ${i}. I paid for a ${product} and it never came; support promised a refund ${i % 30} days ago and nothing has happened since.`,
          category: "delivery-and-shipping",
          incident_date: filing.incidentDate,
          desired_outcome: "refund",
          amount: `${(i % 500) + 10}.99`,
          currency: "USD",
        });
        return {
          ...req,
          headers: { ...req.headers, cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        };
      },
    },
  ];
}

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  ...(spec.headers ? { headers: spec.headers } : {}),
  ...(spec.filing ? { requests: filingRequests(spec.filing) } : {}),
});
const statusCodes = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]),
);
const output: LoadResult = {
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCodes,
  total: result.requests.total,
  bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
