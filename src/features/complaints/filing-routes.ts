import type { Request, Response } from "express";
import type { Business } from "../../db/businesses.js";
import { latestPossibleToday } from "../../lib/dates.js";
import { CURRENCIES } from "../../lib/money.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { maskNote } from "../../lib/personal-data.js";
import type { Services } from "../../services.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { NEW_BUSINESS } from "../businesses/businesses.js";
import type { FilingInput, FilingResult } from "./complaints.js";
import { PRIVATE_DETAIL_FIELDS } from "../../db/private-details.js";
import { complaintForm, DESIRED_OUTCOMES, OUTCOME_LABELS, PRIVATE_DETAIL_LABELS } from "./forms.js";

type ComplaintFormData = ReturnType<ReturnType<typeof complaintForm>["parse"]>;
import { listItem } from "./list-item.js";
import type { StagedFile } from "../attachments/attachments.js";
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES, UploadRefused } from "../attachments/files.js";
import { uploadedFiles } from "../../web/uploads.js";
import { complaintUrl } from "./present.js";

interface FormPage {
  values?: Record<string, string>;
  /** Files were sent with a form that is shown again: they are not kept, so say so. */
  filesDropped?: boolean;
  errors?: FieldErrors;
  candidates?: Business[];
  preselected?: Business | undefined;
  duplicate?: { url: string; title: string };
}

/** Filing a complaint (with "did you mean" for the business), and the author's own list. */
export function filingPages(
  deps: Pick<Services, "complaints" | "businesses" | "categories" | "clock" | "limits" | "attachments">,
) {
  const { complaints, businesses, categories, clock } = deps;

  function renderForm(res: Response, status: number, page: FormPage) {
    res.status(status).render("complaints/new", {
      title: "File a complaint",
      description: "Tell your story about a business, in public, in a few minutes.",
      values: { currency: "USD", ...page.values },
      errors: page.errors ?? {},
      candidates: page.candidates ?? [],
      preselected: page.preselected,
      duplicate: page.duplicate,
      newBusinessChoice: NEW_BUSINESS,
      categories: categories.all(),
      outcomes: DESIRED_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] })),
      currencies: CURRENCIES,
      privateFields: PRIVATE_DETAIL_FIELDS.map((name) => ({ name, label: PRIVATE_DETAIL_LABELS[name] })),
      upload: { accept: ACCEPT_ATTRIBUTE, hint: `Optional. Up to 5 files, 10 MB each: ${ACCEPTED_TYPES}.` },
      filesDropped: page.filesDropped ?? false,
      scripts: ["suggest.js"],
      maxDate: latestPossibleToday(clock.now()),
    });
  }

  /** The form's fields as the domain takes them. */
  const filingInput = (data: ComplaintFormData): FilingInput => ({
    businessName: data.business_name,
    businessWebsite: data.business_website,
    businessChoice: data.business_choice,
    title: data.title,
    body: data.body,
    categoryId: categories.bySlug(data.category)!.id,
    incidentDate: data.incident_date,
    desiredOutcome: data.desired_outcome,
    amountCents: data.amount,
    currency: data.currency,
    privateDetails: {
      order_reference: data.order_reference,
      account_number: data.account_number,
      known_name: data.known_name,
      phone: data.phone,
      postal_address: data.postal_address,
      notes: data.notes,
    },
  });

  const newComplaintPage = (req: Request, res: Response) => {
    const slug = typeof req.query.business === "string" ? req.query.business : undefined;
    const preselected = slug ? businesses.bySlug(slug) : undefined;
    renderForm(res, 200, {
      preselected,
      values: preselected ? { business_name: preselected.name, business_choice: preselected.slug } : {},
    });
  };

  /** The answer when nothing was filed: one more question about the business, or a duplicate. */
  function notFiled(
    res: Response,
    values: Record<string, string>,
    result: Exclude<FilingResult, { kind: "filed" }>,
    filesDropped: boolean,
  ) {
    if (result.kind === "choose-business") {
      // The first time this is not an error, just one more question before anything is saved.
      const unanswered = values.confirming_business === "1";
      return renderForm(res, unanswered ? 400 : 200, {
        values: { ...values, business_choice: "" },
        candidates: result.candidates,
        filesDropped,
        errors: unanswered ? { business_choice: "Choose one of these businesses, or add yours as a new one" } : {},
      });
    }
    return renderForm(res, 409, {
      values,
      errors: { title: "You filed a complaint like this about the same business in the last 24 hours." },
      duplicate: { url: complaintUrl(result.existing), title: result.existing.publicTitle },
      filesDropped,
    });
  }

  /**
   * Files the complaint with the form's files: stored first, then named in the filing's
   * transaction, and removed again if nothing is filed (a question about the business, a duplicate,
   * a refusal). Undefined when it answered with the form.
   */
  async function fileWithFiles(req: Request, res: Response, values: Record<string, string>, input: FilingInput) {
    const refuse = (err: unknown) => {
      if (!(err instanceof UploadRefused)) throw err;
      renderForm(res, err.status, { values, errors: { files: err.message }, filesDropped: true });
    };
    let staged: StagedFile[];
    try {
      staged = await deps.attachments.stage(uploadedFiles(req));
    } catch (err) {
      return refuse(err);
    }
    let result: FilingResult;
    try {
      result = complaints.fileComplaint(req.user!.id, { ...input, files: staged });
    } catch (err) {
      deps.attachments.discard(staged);
      return refuse(err);
    }
    if (result.kind === "filed") return result;
    deps.attachments.discard(staged);
    notFiled(res, values, result, staged.length > 0);
    return undefined;
  }

  const fileComplaint = async (req: Request, res: Response) => {
    const values = formValues(req.body);
    const sentFiles = uploadedFiles(req).length > 0 || req.uploadRefusal !== undefined;
    const chosen = values.business_choice !== NEW_BUSINESS ? values.business_choice : undefined;
    const form = complaintForm(
      clock.now(),
      categories.all().map((c) => c.slug),
    ).safeParse(req.body ?? {});
    if (!form.success || req.uploadRefusal) {
      const preselected = chosen ? businesses.bySlug(chosen) : undefined;
      const errors = form.success ? {} : fieldErrors(form.error);
      if (req.uploadRefusal) errors.files = req.uploadRefusal;
      const status = req.uploadRefusal ? 413 : 400;
      return renderForm(res, status, { values, errors, preselected, filesDropped: sentFiles });
    }
    const { data } = form;
    await deps.limits.check("filingByUser", String(req.user!.id));
    const result = await fileWithFiles(req, res, values, filingInput(data));
    if (!result) return;
    await deps.limits.penalize("filingByUser", String(req.user!.id));
    const note = maskNote(result.masked);
    if (result.complaint.visibility === "pending") {
      const saved = "Your complaint is saved. It will be published as soon as you verify your email address";
      flash(res, `${saved}: check your inbox for our link.${note}`, "info");
    } else {
      flash(res, `Your complaint about ${result.complaint.businessName} is now public.${note}`);
    }
    res.redirect(303, complaintUrl(result.complaint));
  };

  const myComplaints = (req: Request, res: Response) => {
    const page = parsePage(req.query.page);
    const { complaints: rows, total } = complaints.byAuthor(req.user!.id, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    res.render("complaints/mine", {
      title: "My complaints",
      complaints: rows.map((c) => listItem(c, categories, clock.now())),
      pagination: paginate("/complaints/mine", {}, page, total),
    });
  };

  return { newComplaintPage, fileComplaint, myComplaints };
}
