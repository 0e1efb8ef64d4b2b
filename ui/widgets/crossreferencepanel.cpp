// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossreferencepanel.h"
#include "widgets/tones.h"

#include "aliastablemodel.h"
#include "crossreferences.h"
#include "proxytablemodel.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

const QString Scheme = u"gatewright"_s;

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

/// A free-text description as a paragraph of plain text, capped: rich-text layout of a multi-megabyte text
/// would hold the GUI thread for minutes, and the panel is a summary (the full text is in the item's editor).
QString descriptionParagraph(const QString &description)
{
    constexpr qsizetype shown = 2000;
    if (description.size() <= shown)
        return u"<p>%1</p>"_s.arg(esc(description));
    return u"<p>%1…</p><p><i>%2</i></p>"_s.arg(
        esc(description.left(shown)),
        esc(CrossReferencePanel::tr("(%1 of %2 characters shown; edit the item to read it all.)")
                .arg(shown)
                .arg(description.size())));
}

QString kindName(CrossReferencePanel::Kind kind)
{
    switch (kind) {
    case CrossReferencePanel::Kind::Proxy:
        return u"proxy"_s;
    case CrossReferencePanel::Kind::Project:
        return u"project"_s;
    case CrossReferencePanel::Kind::TechnicalUser:
        return u"user"_s;
    case CrossReferencePanel::Kind::Alias:
        return u"alias"_s;
    }
    return {};
}

QString a(CrossReferencePanel::Kind kind, const QString &key, const QString &text)
{
    return u"<a href=\"%1\">%2</a>"_s.arg(esc(CrossReferencePanel::link(kind, key)), esc(text));
}

QString proxyLink(const Workspace &w, const QString &name)
{
    for (const GatewayProxy &p : w.proxies) {
        if (p.name == name)
            return a(CrossReferencePanel::Kind::Proxy, ProxyTableModel::key(p), name);
    }
    return esc(name);
}

QString list(const QStringList &items, const QString &empty)
{
    if (items.isEmpty())
        return u"<p><i>%1</i></p>"_s.arg(esc(empty));
    return u"<ul><li>"_s + items.join(u"</li><li>"_s) + u"</li></ul>"_s;
}

QString problems(const QStringList &sentences)
{
    if (sentences.isEmpty())
        return {};
    QStringList escaped;
    for (const QString &s : sentences)
        escaped << esc(s);
    return u"<p style=\""_s + toneStyle(Tone::Bad) + u"\"><b>⚠ "_s + escaped.join(u"<br>⚠ "_s) + u"</b></p>"_s;
}

QString heading(const QString &what, const QString &name)
{
    return u"<p style=\""_s + toneStyle(Tone::Muted) +
           u"\">%1</p><h2 style=\"margin-top:0\">%2</h2>"_s.arg(esc(what), esc(name));
}

QString section(const QString &title)
{
    return u"<h4>%1</h4>"_s.arg(esc(title));
}

} // namespace

CrossReferencePanel::CrossReferencePanel(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(u"crossReferences"_s);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != Scheme)
            return;
        const QString kind = url.host();
        const QString key = url.path().mid(1);
        for (Kind k : {Kind::Proxy, Kind::Project, Kind::TechnicalUser, Kind::Alias}) {
            if (kindName(k) == kind)
                Q_EMIT itemActivated(k, key);
        }
    });
    showNothing();
}

QString CrossReferencePanel::link(Kind kind, const QString &key)
{
    QUrl url;
    url.setScheme(Scheme);
    url.setHost(kindName(kind));
    url.setPath(u"/"_s + key);
    return url.toString(QUrl::FullyEncoded);
}

void CrossReferencePanel::showNothing()
{
    setHtml(u"<p><i>%1</i></p>"_s.arg(esc(tr("Select a row to see what it depends on and what depends on it."))));
}

void CrossReferencePanel::showItem(const Workspace &workspace, Kind kind, const QString &key)
{
    QString html;
    switch (kind) {
    case Kind::Proxy:
        for (const GatewayProxy &proxy : workspace.proxies) {
            if (ProxyTableModel::key(proxy) == key)
                html = proxyHtml(workspace, proxy);
        }
        break;
    case Kind::Project:
        if (const IoProject *project = workspace.project(key))
            html = projectHtml(workspace, *project);
        break;
    case Kind::TechnicalUser:
        if (const TechnicalUser *user = workspace.technicalUser(key))
            html = userHtml(workspace, *user);
        break;
    case Kind::Alias:
        if (const Alias *alias = workspace.alias(key))
            html = aliasHtml(workspace, *alias);
        break;
    }
    if (html.isEmpty())
        showNothing();
    else
        setHtml(html);
}

QString CrossReferencePanel::proxyHtml(const Workspace &w, const GatewayProxy &proxy) const
{
    const CrossReferences refs(w);
    QString html = heading(tr("Gateway proxy"), proxy.name + u' ' + proxy.version);
    html += problems(refs.problemsOfProxy(proxy));
    if (!proxy.description.isEmpty())
        html += descriptionParagraph(proxy.description);
    html += u"<p>%1 %2</p>"_s.arg(esc(tr("State:")), esc(proxy.active ? tr("active") : tr("inactive")));

    html += section(tr("1. Caller → gateway (Identify & Authorize)"));
    html += u"<p>%1</p>"_s.arg(esc(ProxyTableModel::inboundText(proxy.inbound)));

    html += section(tr("2. Gateway → .io (routing)"));
    QString routing =
        tr("project %1, integration %2").arg(a(Kind::Project, proxy.project, proxy.project), esc(proxy.integration));
    if (const IoProject *project = refs.project(proxy.project)) {
        if (const Integration *integration = project->integration(proxy.integration))
            routing += u"<br><code>%1</code>"_s.arg(esc(integration->path));
    }
    if (!proxy.routingEndpoint.isEmpty())
        routing += u"<br>%1 <code>%2</code>"_s.arg(esc(tr("endpoint:")), esc(proxy.routingEndpoint));
    html += u"<p>%1</p>"_s.arg(routing);

    html += section(tr("3. Outbound Auth - Transport"));
    if (proxy.outbound.kind == OutboundAuth::Kind::None) {
        html += u"<p>%1</p>"_s.arg(esc(tr("none — .io will answer 401")));
    } else {
        const QString user = refs.technicalUserOfProxy(proxy);
        QString line = tr("alias %1").arg(a(Kind::Alias, proxy.outbound.alias, proxy.outbound.alias));
        if (!user.isEmpty())
            line += u" → "_s + tr("technical user %1").arg(a(Kind::TechnicalUser, user, user));
        html += u"<p>%1</p>"_s.arg(line);
        if (const TechnicalUser *u = refs.technicalUser(user)) {
            html += u"<p>%1</p>"_s.arg(
                esc(u->projects.contains(proxy.project)
                        ? tr("%1 has a role on %2: .io accepts the call.").arg(u->name, proxy.project)
                        : tr("%1 has no role on %2.").arg(u->name, proxy.project)));
        }
    }
    return html;
}

QString CrossReferencePanel::projectHtml(const Workspace &w, const IoProject &project) const
{
    const CrossReferences refs(w);
    QString html = heading(tr(".io project"), project.name);
    html += u"<p>%1<br>%2</p>"_s.arg(esc(tr("UID: %1").arg(project.uid)),
                                     esc(tr("Sensitivity: %1").arg(project.sensitivity)));
    QStringList integrations;
    for (const Integration &integration : project.integrations) {
        integrations << u"%1 (%2)<br><code>%3</code>"_s.arg(
            esc(integration.name),
            esc(integration.kind == Integration::Kind::Webhook ? tr("webhook") : tr("flow service")),
            esc(integration.path));
    }
    html += section(tr("Integrations"));
    html += list(integrations, tr("none"));
    QStringList users;
    for (const QString &user : refs.usersWithAccess(project.name))
        users << a(Kind::TechnicalUser, user, user);
    html += section(tr("Technical users with access"));
    html += list(users, tr("nobody: .io answers 401 to every proxy of this project"));
    QStringList proxies;
    for (const QString &proxy : refs.proxiesOfProject(project.name))
        proxies << proxyLink(w, proxy);
    html += section(tr("Proxies fronting it"));
    html += list(proxies, tr("none"));
    return html;
}

QString CrossReferencePanel::userHtml(const Workspace &w, const TechnicalUser &user) const
{
    const CrossReferences refs(w);
    QString html = heading(tr(".io technical user"), user.name);
    if (!user.description.isEmpty())
        html += descriptionParagraph(user.description);
    QStringList projects;
    for (const QString &project : user.projects)
        projects << a(Kind::Project, project, project);
    html += section(tr("Projects its role grants execute on"));
    html += list(projects, tr("none: every call as this user gets 401"));
    QStringList aliases;
    for (const QString &alias : refs.aliasesOfUser(user.name))
        aliases << a(Kind::Alias, alias, alias);
    html += section(tr("Aliases carrying its credentials"));
    html += list(aliases, tr("none"));
    QStringList proxies;
    for (const QString &alias : refs.aliasesOfUser(user.name)) {
        for (const QString &proxy : refs.proxiesUsingAlias(alias))
            proxies << tr("%1 (through %2)").arg(proxyLink(w, proxy), esc(alias));
    }
    html += section(tr("Proxies that call .io as %1").arg(user.name));
    html += list(proxies, tr("none"));
    return html;
}

QString CrossReferencePanel::aliasHtml(const Workspace &w, const Alias &alias) const
{
    const CrossReferences refs(w);
    QString html = heading(tr("Gateway alias"), alias.name);
    html += u"<p>%1</p>"_s.arg(esc(AliasTableModel::typeText(alias.type)));
    if (!alias.description.isEmpty())
        html += descriptionParagraph(alias.description);
    switch (alias.type) {
    case Alias::Type::HttpTransportSecurity:
        html += u"<p>%1<br>%2</p>"_s.arg(
            tr("Technical user: %1").arg(a(Kind::TechnicalUser, alias.technicalUser, alias.technicalUser)),
            esc(alias.password.isSet() ? tr("Password: in the keychain, per environment")
                                       : tr("Password: no keychain reference")));
        break;
    case Alias::Type::Simple:
        html += u"<p>%1</p>"_s.arg(esc(tr("Value: %1").arg(alias.value)));
        break;
    case Alias::Type::Endpoint:
        html += u"<p>%1</p>"_s.arg(esc(tr("Endpoint: %1").arg(alias.endpointUri)));
        break;
    }
    QStringList proxies;
    for (const QString &proxy : refs.proxiesUsingAlias(alias.name))
        proxies << proxyLink(w, proxy);
    html += section(tr("Proxies using it for outbound auth"));
    html += list(proxies, tr("none"));
    QStringList routed;
    for (const QString &proxy : refs.proxiesRoutedThrough(alias.name))
        routed << proxyLink(w, proxy);
    html += section(tr("Proxies routed through it"));
    html += list(routed, tr("none"));
    return html;
}

} // namespace gw
