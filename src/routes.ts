import { aboutPages } from "./features/about/routes.js";
import { accountsPages } from "./features/accounts/routes.js";
import { attachmentsPages } from "./features/attachments/routes.js";
import { businessesPages } from "./features/businesses/routes.js";
import { categoriesPages } from "./features/categories/routes.js";
import { claimsPages } from "./features/claims/routes.js";
import { conversationPages } from "./features/complaints/conversation-routes.js";
import { filingPages } from "./features/complaints/filing-routes.js";
import { browsePages } from "./features/complaints/browse-routes.js";
import { dashboardPages } from "./features/dashboard/routes.js";
import { figuresPages } from "./features/figures/routes.js";
import { healthPages } from "./features/health/routes.js";
import { homePages } from "./features/home/routes.js";
import { mailPages } from "./features/mail/routes.js";
import { accountsAdminPages, moderationPages, reportsPages } from "./features/moderation/routes.js";
import { notificationsPages } from "./features/notifications/routes.js";
import { searchPages } from "./features/search/routes.js";
import { settingsPages } from "./features/settings/routes.js";
import { syndicationPages } from "./features/syndication/routes.js";
import { transparencyPages } from "./features/transparency/routes.js";
import type { Services } from "./services.js";
import { requireAdmin, requireLogin, requireModerator } from "./web/current-user.js";
import { RouteTable } from "./web/route-table.js";

/** Routes served before sessions are read: a health check must never touch a session. */
export function earlyRoutes(s: Services): RouteTable {
  const health = healthPages(s);
  const table = RouteTable.root();
  table.get("/healthz", health.healthCheck);
  return table;
}

/**
 * Every URL of the site, its guard and its handler. Areas are mounted at their prefix and guarded
 * whole; a route outside an area names its guard on its own line. docs/routes.md is this table as
 * text, and test/routes.test.ts keeps the two equal.
 */
export function siteRoutes(s: Services, options: { sitemapLimit?: number } = {}): RouteTable {
  const home = homePages(s);
  const accounts = accountsPages(s);
  const settings = settingsPages(s);
  const notifications = notificationsPages(s);
  const filing = filingPages(s);
  const browsing = browsePages(s);
  const conversation = conversationPages(s);
  const attachments = attachmentsPages(s);
  const businesses = businessesPages(s);
  const claims = claimsPages(s);
  const categories = categoriesPages(s);
  const figures = figuresPages();
  const about = aboutPages(s);
  const transparency = transparencyPages(s);
  const search = searchPages(s);
  const syndication = syndicationPages(s, options.sitemapLimit);
  const dashboard = dashboardPages(s);
  const reports = reportsPages(s);
  const moderation = moderationPages(s);
  const accountsAdmin = accountsAdminPages(s);
  const mail = mailPages(s);

  const site = RouteTable.root();

  // Public pages: anyone, and an anonymous GET writes nothing.
  site.get("/", home.homePage);
  site.get("/search", search.searchPage);
  site.get("/about/figures", figures.aboutFigures);
  site.get("/about/rules", about.rulesPage);
  site.get("/about/moderation", about.moderationPage);
  site.get("/about/privacy", about.privacyPage);
  site.get("/about/terms", about.termsPage);
  site.get("/about/contact", about.contactPage);
  site.get("/transparency", transparency.transparencyPage);
  site.get("/categories", categories.categoryList);
  site.get("/categories/:slug", categories.categoryPage);
  site.get("/feed.xml", syndication.siteFeed);
  site.get("/sitemap.xml", syndication.sitemap);
  site.get("/sitemaps/:file", syndication.sitemapFile);
  site.get("/robots.txt", syndication.robotsTxt);

  // Accounts. Links from emails work without a session: the token in them is the proof.
  site.get("/signup", accounts.signupPage);
  site.post("/signup", accounts.signUp);
  site.get("/login", accounts.loginPage);
  site.post("/login", accounts.logIn);
  site.post("/logout", accounts.logOut);
  site.get("/verify-email", accounts.verifyEmail);
  site.post("/verify-email/resend", requireLogin, accounts.resendVerification);
  site.get("/password/forgot", settings.forgotPasswordPage);
  site.post("/password/forgot", settings.forgotPassword);
  site.get("/password/reset", settings.resetPasswordPage);
  site.post("/password/reset", settings.resetPassword);
  site.get("/settings/email/confirm", settings.confirmEmailChange);
  site.get("/notifications/unsubscribe", notifications.unsubscribePage);
  site.post("/notifications/unsubscribe", notifications.unsubscribe);
  site.get("/claims/verify", claims.verifyClaim);
  site.get("/invitations/accept", requireLogin, dashboard.invitationPage);
  site.post("/invitations/accept", requireLogin, dashboard.acceptInvitation);

  site.area("/settings", [requireLogin], (settingsArea) => {
    settingsArea.get("/", settings.settingsPage);
    settingsArea.post("/profile", settings.saveProfile);
    settingsArea.post("/email", settings.changeEmail);
    settingsArea.post("/password", settings.changePassword);
    settingsArea.get("/export", settings.exportData);
    settingsArea.post("/delete", settings.deleteAccount);
    settingsArea.get("/notifications", notifications.notificationSettingsPage);
    settingsArea.post("/notifications", notifications.saveNotificationSettings);
  });

  // Complaints are public to read; every write needs an account (and the domain checks who).
  site.get("/complaints", browsing.complaintList);
  site.get("/complaints/new", requireLogin, filing.newComplaintPage);
  site.post("/complaints", requireLogin, filing.fileComplaint);
  site.get("/complaints/mine", requireLogin, filing.myComplaints);
  site.get("/complaints/:ref", conversation.complaintPage);
  site.post("/complaints/:ref/me-too", requireLogin, conversation.toggleMeToo);
  site.post("/complaints/:ref/updates", requireLogin, conversation.postUpdate);
  site.post("/complaints/:ref/replies", requireLogin, conversation.postReply);
  site.post("/complaints/:ref/resolve", requireLogin, conversation.markResolved);
  site.post("/complaints/:ref/confirm", requireLogin, conversation.confirmResolution);
  site.post("/complaints/:ref/dispute", requireLogin, conversation.disputeResolution);
  // The private side: the author's case details, and the business asking for them (visibility.ts).
  site.post("/complaints/:ref/private-details", requireLogin, conversation.savePrivateDetails);
  site.post("/complaints/:ref/detail-requests", requireLogin, conversation.requestDetails);
  site.post("/complaints/:ref/messages", requireLogin, conversation.sendPrivateMessage);
  // Files of the private side: to the parties only (attachments.ts asks visibility.ts); others get a 404.
  site.get("/attachments/:id", attachments.attachmentFile);
  site.get("/attachments/:id/thumbnail", attachments.attachmentThumbnail);

  site.get("/businesses", businesses.directory);
  site.get("/businesses/suggest", businesses.suggest);
  site.get("/businesses/:slug", businesses.profile);
  site.get("/businesses/:slug/feed.xml", syndication.businessFeed);
  site.get("/businesses/:slug/badge.svg", businesses.badge);
  site.get("/businesses/:slug/claim", requireLogin, claims.claimPage);
  site.post("/businesses/:slug/claim", requireLogin, claims.claimBusiness);
  site.post("/businesses/:slug/claim/resend", requireLogin, claims.resendClaimLink);

  site.area("/reports", [requireLogin], (reportsArea) => {
    reportsArea.get("/new", reports.reportPage);
    reportsArea.post("/", reports.fileReport);
  });

  // A business's team. The business in the URL is loaded, and membership checked, once per request.
  site.area("/dashboard", [requireLogin], (team) => {
    team.param("slug", dashboard.loadMembership);
    team.get("/", dashboard.myBusinesses);
    team.get("/:slug", dashboard.inboxPage);
    team.get("/:slug/members", dashboard.membersPage);
    team.post("/:slug/members", dashboard.inviteMember);
    team.post("/:slug/members/:userId/remove", dashboard.removeMember);
  });

  site.area("/admin", [requireModerator], (admin) => {
    admin.get("/", moderation.adminHome);
    admin.get("/reports", moderation.reportQueue);
    admin.post("/reports/:id/dismiss", moderation.dismissReport);
    admin.get("/complaints/:id/hide", moderation.hideComplaintPage);
    admin.post("/complaints/:id/hide", moderation.hideComplaint);
    admin.post("/complaints/:id/restore", moderation.restoreComplaint);
    admin.post("/complaints/:id/redact", moderation.redactComplaint);
    admin.get("/replies/:id/hide", moderation.hideReplyPage);
    admin.post("/replies/:id/hide", moderation.hideReply);
    admin.post("/replies/:id/restore", moderation.restoreReply);
    admin.post("/messages/:id/hide", moderation.hideMessage);
    admin.post("/messages/:id/restore", moderation.restoreMessage);
    admin.post("/attachments/:id/remove", moderation.removeAttachment);
    admin.get("/audit", moderation.auditLog);
    admin.area("/users", [requireAdmin], (users) => {
      users.get("/", accountsAdmin.accountSearch);
      users.post("/:id/suspend", accountsAdmin.suspendAccount);
      users.post("/:id/unsuspend", accountsAdmin.unsuspendAccount);
    });
    admin.area("/claims", [requireAdmin], (claimsArea) => {
      claimsArea.get("/", claims.claimsQueue);
      claimsArea.post("/:id/approve", claims.approveClaim);
      claimsArea.post("/:id/reject", claims.rejectClaim);
    });
    admin.area("/mail", [requireAdmin], (mailArea) => {
      mailArea.get("/", mail.mailQueue);
      mailArea.post("/:id/retry", mail.retryMail);
    });
  });

  return site;
}
