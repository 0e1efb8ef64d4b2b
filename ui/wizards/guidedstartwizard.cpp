// SPDX-License-Identifier: GPL-3.0-or-later
#include "guidedstartwizard.h"

#include "dialogs/itemvalidation.h"
#include "ui_guidedstartenvironmentpage.h"
#include "widgets/tones.h"

#include "net/admincredentials.h"
#include "net/gatewayclient.h"
#include "net/gatewayerrors.h"
#include "net/providercredentialsource.h"
#include "secrets/secretkey.h"
#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"
#include "sync/connectioncheck.h"
#include "sync/pulljob.h"
#include "sync/tenantreader.h"
#include "workspacevalidator.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSslCertificate>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

QString trimmedText(const QLineEdit *edit)
{
    return edit->text().trimmed();
}

} // namespace

/// Page 2: the three connection checks, each line green or red with the reason and the fix.
class GuidedStartConnectionPage : public QWizardPage
{
public:
    explicit GuidedStartConnectionPage(GuidedStartWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(GuidedStartWizard::tr("Test the connections"));
        setSubTitle(GuidedStartWizard::tr("The gateway, the tenant and the OAuth server, with the secrets you typed."));
        auto *layout = new QVBoxLayout(this);
        m_lines = new QListWidget(this);
        m_lines->setObjectName(u"checkLines"_s);
        m_lines->setWordWrap(true);
        layout->addWidget(m_lines);
        m_certificate = new QLabel(this);
        m_certificate->setObjectName(u"certificateLabel"_s);
        m_certificate->setWordWrap(true);
        m_certificate->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_certificate->hide();
        layout->addWidget(m_certificate);
        auto *buttons = new QHBoxLayout;
        m_pin = new QPushButton(GuidedStartWizard::tr("Trust this certificate (pin)"), this);
        m_pin->setObjectName(u"pinButton"_s);
        m_pin->hide();
        m_caFile = new QPushButton(GuidedStartWizard::tr("Use a CA file…"), this);
        m_caFile->setObjectName(u"caFileButton"_s);
        m_caFile->hide();
        auto *again = new QPushButton(GuidedStartWizard::tr("Test again"), this);
        again->setObjectName(u"testAgainButton"_s);
        buttons->addWidget(m_pin);
        buttons->addWidget(m_caFile);
        buttons->addStretch();
        buttons->addWidget(again);
        layout->addLayout(buttons);
        connect(again, &QPushButton::clicked, this, &GuidedStartConnectionPage::run);
        connect(m_pin, &QPushButton::clicked, this, [this] {
            m_wizard->m_environmentUi->gatewayUrlEdit->setProperty("pinnedSha256", m_pendingPin);
            run();
        });
        connect(m_caFile, &QPushButton::clicked, this, [this] {
            const QString file =
                QFileDialog::getOpenFileName(this, GuidedStartWizard::tr("CA certificate (PEM)"), {},
                                             GuidedStartWizard::tr("PEM files (*.pem *.crt);;All files (*)"));
            if (file.isEmpty())
                return;
            m_wizard->m_environmentUi->gatewayUrlEdit->setProperty("caCertificateFile", file);
            run();
        });
    }

    void initializePage() override { run(); }
    bool isComplete() const override { return m_done; }

private:
    void run()
    {
        m_done = false;
        Q_EMIT completeChanged();
        m_lines->clear();
        m_certificate->hide();
        m_pin->hide();
        m_caFile->hide();
        for (const QString &text :
             {GuidedStartWizard::tr("Gateway: testing…"), GuidedStartWizard::tr(".io tenant: testing…"),
              GuidedStartWizard::tr("OAuth server: testing…")})
            m_lines->addItem(text);
        m_check.reset(); // before the provider it uses
        // A secret typed on the first page wins over whatever the keychain holds under the same name.
        const Environment environment = m_wizard->environment();
        const bool typedClientSecret = m_wizard->typedSecrets().contains(
            SecretKey::oauthClient(environment.name, environment.oauth.clientId).keychainKey());
        m_provider = std::make_unique<SecretProvider>(typedClientSecret ? nullptr : m_wizard->m_store,
                                                      m_wizard->secretEnvironment());
        m_check = std::make_unique<ConnectionCheck>(m_wizard->m_network, m_provider.get(), m_wizard->environment(),
                                                    m_wizard->secretEnvironment());
        connect(m_check.get(), &ConnectionCheck::lineFinished, this, &GuidedStartConnectionPage::show);
        connect(m_check.get(), &ConnectionCheck::finished, this, [this] {
            m_done = true;
            Q_EMIT completeChanged();
            Q_EMIT m_wizard->checkFinished();
        });
        m_check->start();
    }

    void show(const CheckLine &line)
    {
        QListWidgetItem *item = m_lines->item(int(line.component));
        item->setText(line.toText());
        const bool ok = line.status == CheckLine::Status::Ok;
        const bool failed = line.status == CheckLine::Status::Failed;
        item->setIcon(style()->standardIcon(ok       ? QStyle::SP_DialogApplyButton
                                            : failed ? QStyle::SP_MessageBoxCritical
                                                     : QStyle::SP_MessageBoxInformation));
        item->setForeground(ok       ? toneColour(Tone::Good, palette())
                            : failed ? toneColour(Tone::Bad, palette())
                                     : palette().text().color());
        item->setData(Qt::UserRole, CheckLine::statusName(line.status));
        if (!line.certificatePem.isEmpty()) {
            const QSslCertificate certificate(line.certificatePem, QSsl::Pem);
            m_pendingPin = GatewayErrors::sha256Fingerprint(certificate).remove(u':');
            m_certificate->setText(GuidedStartWizard::tr("The gateway presented a certificate this machine does not "
                                                         "trust. Nothing is trusted silently:\n%1")
                                       .arg(GatewayErrors::certificateText(certificate)));
            m_certificate->show();
            m_pin->show();
            m_caFile->show();
        }
    }

    GuidedStartWizard *m_wizard;
    QListWidget *m_lines;
    QLabel *m_certificate;
    QPushButton *m_pin;
    QPushButton *m_caFile;
    QString m_pendingPin;
    std::unique_ptr<SecretProvider> m_provider;
    std::unique_ptr<ConnectionCheck> m_check;
    bool m_done = false;
};

/// Page 3: adopt what the gateway and tenant hold, or start empty.
class GuidedStartAdoptPage : public QWizardPage
{
public:
    explicit GuidedStartAdoptPage(GuidedStartWizard *wizard)
        : m_wizard(wizard)
    {
        setTitle(GuidedStartWizard::tr("Adopt what the gateway holds"));
        setSubTitle(GuidedStartWizard::tr("Pick the APIs and aliases the console should manage. Passwords are not "
                                          "copied: the Secrets page lists what is left to set."));
        auto *layout = new QVBoxLayout(this);
        m_adopt = new QRadioButton(GuidedStartWizard::tr("&Adopt the selected APIs and aliases"), this);
        m_adopt->setObjectName(u"adoptRadio"_s);
        m_empty = new QRadioButton(GuidedStartWizard::tr("Start &empty"), this);
        m_empty->setObjectName(u"emptyRadio"_s);
        m_adopt->setChecked(true);
        layout->addWidget(m_adopt);
        layout->addWidget(m_empty);
        auto *filterRow = new QHBoxLayout;
        m_filter = new QLineEdit(this);
        m_filter->setObjectName(u"selectEdit"_s);
        m_filter->setPlaceholderText(GuidedStartWizard::tr("Select by name or tag: Orders*, */1.0, tag:orders"));
        m_filter->setClearButtonEnabled(true);
        auto *all = new QPushButton(GuidedStartWizard::tr("Select &all"), this);
        all->setObjectName(u"selectAllButton"_s);
        auto *none = new QPushButton(GuidedStartWizard::tr("Select &none"), this);
        filterRow->addWidget(m_filter);
        filterRow->addWidget(all);
        filterRow->addWidget(none);
        layout->addLayout(filterRow);
        m_status = new QLabel(this);
        m_status->setObjectName(u"adoptStatus"_s);
        m_status->setWordWrap(true);
        layout->addWidget(m_status);
        m_tree = new QTreeWidget(this);
        m_tree->setObjectName(u"candidateTree"_s);
        m_tree->setHeaderLabels(
            {GuidedStartWizard::tr("Name"), GuidedStartWizard::tr("Kind"), GuidedStartWizard::tr("What it is")});
        m_tree->setRootIsDecorated(false);
        m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        layout->addWidget(m_tree);
        auto *exposeNext = new QCheckBox(GuidedStartWizard::tr("E&xpose a .io integration next (guided, ends in a "
                                                               "verified call)"),
                                         this);
        exposeNext->setObjectName(u"exposeNextBox"_s);
        layout->addWidget(exposeNext);
        // Enter in the pattern selects what matches; it must not press the wizard's default button.
        m_filter->installEventFilter(this);
        connect(all, &QPushButton::clicked, this, [this] { setAll(true); });
        connect(none, &QPushButton::clicked, this, [this] { setAll(false); });
        connect(m_empty, &QRadioButton::toggled, this, [this](bool empty) {
            m_tree->setEnabled(!empty);
            m_filter->setEnabled(!empty);
        });
    }

    void initializePage() override
    {
        m_tree->clear();
        m_read = false;
        m_status->setText(GuidedStartWizard::tr("Reading the gateway…"));
        m_wizard->m_observed.reset();
        m_wizard->m_tenant.reset();
        const Environment environment = m_wizard->environment();
        // A read still under way from an earlier visit goes first: it uses the client replaced below.
        delete m_pull;
        delete m_reader;
        const SecretKey adminKey = SecretKey::gatewayAdmin(environment.name, environment.adminUser);
        m_provider = std::make_unique<SecretProvider>(m_wizard->m_store, QProcessEnvironment());
        if (m_wizard->typedSecrets().contains(adminKey.keychainKey()))
            m_credentials =
                std::make_unique<FixedCredentialSource>(m_wizard->typedSecrets().value(adminKey.keychainKey()));
        else // nothing typed: the keychain entry the environment already has
            m_credentials =
                std::make_unique<ProviderCredentialSource>(m_provider.get(), adminKey, QUrl(environment.gatewayUrl));
        m_client = std::make_unique<GatewayClient>(m_wizard->m_network, environment, m_credentials.get());
        auto *pull = new PullJob(m_client.get(), this);
        m_pull = pull;
        connect(pull, &PullJob::finished, this, [this, pull](const PullResult &result) {
            pull->deleteLater();
            if (!result.ok()) {
                m_status->setText(GuidedStartWizard::tr("The gateway could not be read: %1").arg(result.error));
                m_empty->setChecked(true);
                finishRead();
                return;
            }
            m_wizard->m_observed = *result.state;
            readTenant();
        });
        pull->start();
    }

    bool isComplete() const override { return m_read || m_empty->isChecked(); }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_filter && event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                selectMatching();
                return true;
            }
        }
        return QWizardPage::eventFilter(watched, event);
    }

    QSet<QString> selected(AdoptionCandidate::Kind kind) const
    {
        QSet<QString> names;
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = m_tree->topLevelItem(i);
            if (item->checkState(0) == Qt::Checked && item->data(0, Qt::UserRole).toInt() == int(kind))
                names.insert(item->text(0));
        }
        return names;
    }
    bool adoptChosen() const { return m_adopt->isChecked() && m_wizard->m_observed.has_value(); }

private:
    void readTenant()
    {
        const Environment environment = m_wizard->environment();
        if (environment.ioTenantUser.isEmpty())
            return listCandidates();
        m_status->setText(GuidedStartWizard::tr("Reading the tenant…"));
        const SecretKey tenantKey = SecretKey::tenantUser(environment.name, environment.ioTenantUser);
        if (!m_wizard->typedSecrets().contains(tenantKey.keychainKey())) {
            m_provider->resolve(tenantKey, QUrl(environment.ioTenantUrl), this,
                                [this, environment](const SecretResolution &resolution) {
                                    if (resolution.ok())
                                        return readTenantWith(environment, resolution.secret);
                                    m_tenantNote =
                                        GuidedStartWizard::tr("The tenant was not read (%1).").arg(resolution.message);
                                    listCandidates();
                                });
            return;
        }
        readTenantWith(environment, m_wizard->typedSecrets().value(tenantKey.keychainKey()));
    }

    void readTenantWith(const Environment &environment, const QString &password)
    {
        auto *reader =
            new TenantReader(m_wizard->m_network, environment.ioTenantUrl, environment.ioTenantUser, password, this);
        m_reader = reader;
        connect(reader, &TenantReader::finished, this, [this, reader](const TenantReadResult &result) {
            reader->deleteLater();
            if (result.ok())
                m_wizard->m_tenant = result.inventory;
            else
                m_tenantNote = GuidedStartWizard::tr("The tenant was not read (%1); projects come from the proxies' "
                                                     "routing only.")
                                   .arg(result.error);
            listCandidates();
        });
        reader->start();
    }

    void listCandidates()
    {
        Workspace empty;
        for (const AdoptionCandidate &candidate : adoptionCandidates(empty, *m_wizard->m_observed)) {
            auto *item = new QTreeWidgetItem(m_tree);
            item->setText(0, candidate.name);
            item->setText(1, candidate.kind == AdoptionCandidate::Kind::Proxy ? GuidedStartWizard::tr("API")
                                                                              : GuidedStartWizard::tr("alias"));
            item->setText(2, candidate.adoptable
                                 ? candidate.summary
                                 : GuidedStartWizard::tr("cannot be managed: %1").arg(candidate.reason));
            item->setData(0, Qt::UserRole, int(candidate.kind));
            item->setData(1, Qt::UserRole, candidate.tags);
            if (candidate.adoptable) {
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(0, Qt::Checked);
            } else {
                item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            }
        }
        QString text = GuidedStartWizard::tr("%1 APIs and %2 aliases on the gateway.")
                           .arg(m_wizard->m_observed->proxies.size())
                           .arg(m_wizard->m_observed->aliases.size());
        if (m_wizard->m_tenant)
            text += u' ' + GuidedStartWizard::tr("%1 projects on the tenant.").arg(m_wizard->m_tenant->projects.size());
        if (!m_tenantNote.isEmpty())
            text += u' ' + m_tenantNote;
        m_status->setText(text);
        finishRead();
        Q_EMIT m_wizard->candidatesRead();
    }

    void finishRead()
    {
        m_read = true;
        Q_EMIT completeChanged();
    }

    void setAll(bool checked)
    {
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_tree->topLevelItem(i);
            if (item->flags() & Qt::ItemIsUserCheckable)
                item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        }
    }

    void selectMatching()
    {
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_tree->topLevelItem(i);
            if (!(item->flags() & Qt::ItemIsUserCheckable))
                continue;
            AdoptionCandidate candidate;
            candidate.kind = AdoptionCandidate::Kind(item->data(0, Qt::UserRole).toInt());
            candidate.name = item->text(0);
            candidate.tags = item->data(1, Qt::UserRole).toStringList();
            const bool match = m_filter->text().trimmed().isEmpty() || matchesSelection(candidate, m_filter->text());
            item->setCheckState(0, match ? Qt::Checked : Qt::Unchecked);
        }
    }

    GuidedStartWizard *m_wizard;
    QRadioButton *m_adopt;
    QRadioButton *m_empty;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTreeWidget *m_tree;
    QString m_tenantNote;
    QPointer<PullJob> m_pull;
    QPointer<TenantReader> m_reader;
    std::unique_ptr<SecretProvider> m_provider;
    std::unique_ptr<AdminCredentialSource> m_credentials;
    std::unique_ptr<GatewayClient> m_client;
    bool m_read = false;
};

/// Page 1: the environment, validated as the file reader validates it.
class GuidedStartEnvironmentWizardPage : public QWizardPage
{
public:
    explicit GuidedStartEnvironmentWizardPage(GuidedStartWizard *wizard)
        : m_wizard(wizard)
    {}
    bool isComplete() const override { return m_wizard->environmentProblem().isEmpty(); }
    void changed() { Q_EMIT completeChanged(); }

private:
    GuidedStartWizard *m_wizard;
};

GuidedStartWizard::GuidedStartWizard(QNetworkAccessManager *network, SecretStore *store, QWidget *parent)
    : QWizard(parent)
    , m_network(network)
    , m_store(store)
    , m_environmentUi(std::make_unique<Ui::GuidedStartEnvironmentPage>())
{
    setObjectName(u"guidedStartWizard"_s);
    setWindowTitle(tr("New workspace"));
    setOption(QWizard::NoBackButtonOnStartPage);

    auto *environmentPage = new GuidedStartEnvironmentWizardPage(this);
    environmentPage->setTitle(tr("Where is your gateway?"));
    environmentPage->setSubTitle(tr("One environment to start with; more can be added later. Passwords go to the "
                                    "keychain, never to the workspace file."));
    m_environmentUi->setupUi(environmentPage);
    m_environmentPage = environmentPage;
    const auto edits = environmentPage->findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        connect(edit, &QLineEdit::textChanged, this, [this, environmentPage] {
            m_environmentUi->problemLabel->setText(environmentProblem());
            environmentPage->changed();
        });
    }
    m_environmentUi->problemLabel->setText(environmentProblem());
    setPage(EnvironmentPageId, environmentPage);
    setPage(ConnectionPageId, new GuidedStartConnectionPage(this));
    setPage(AdoptPageId, new GuidedStartAdoptPage(this));
    resize(760, 620);
}

GuidedStartWizard::~GuidedStartWizard() = default;

Environment GuidedStartWizard::environment() const
{
    const Ui::GuidedStartEnvironmentPage &ui = *m_environmentUi;
    Environment environment = m_baseEnvironment; // fields the page does not show stay as they are
    environment.name = trimmedText(ui.nameEdit);
    environment.gatewayUrl = trimmedText(ui.gatewayUrlEdit);
    environment.adminUser = trimmedText(ui.adminUserEdit);
    if (!ui.adminPasswordEdit->text().isEmpty())
        environment.adminPassword = SecretRef{SecretKey::GatewayAdmin + u'/' + environment.adminUser};
    environment.tls.pinnedSha256 = ui.gatewayUrlEdit->property("pinnedSha256").toString();
    environment.tls.caCertificateFile = ui.gatewayUrlEdit->property("caCertificateFile").toString();
    environment.ioTenantUrl = trimmedText(ui.tenantUrlEdit);
    environment.ioTenantUser = trimmedText(ui.tenantUserEdit);
    environment.oauth.issuer = trimmedText(ui.issuerEdit);
    environment.oauth.clientId = trimmedText(ui.clientIdEdit);
    if (!ui.clientSecretEdit->text().isEmpty() && !environment.oauth.clientId.isEmpty())
        environment.oauth.clientSecret = SecretRef{SecretKey::OAuthClientSecret + u'/' + environment.oauth.clientId};
    environment.oauth.audience = trimmedText(ui.audienceEdit);
    return environment;
}

QString GuidedStartWizard::environmentProblem() const
{
    Workspace workspace;
    workspace.environments << environment();
    // The same message the file reader gives, with the field named as the form names it.
    const Ui::GuidedStartEnvironmentPage &ui = *m_environmentUi;
    using ItemValidation::labelText;
    return ItemValidation::firstProblemAt(workspace, u"/environments/0"_s,
                                          {{u"name"_s, labelText(ui.nameLabel)},
                                           {u"gatewayUrl"_s, labelText(ui.gatewayUrlLabel)},
                                           {u"adminUser"_s, labelText(ui.adminUserLabel)},
                                           {u"adminPasswordRef"_s, labelText(ui.adminPasswordLabel)},
                                           {u"ioTenantUrl"_s, labelText(ui.tenantUrlLabel)},
                                           {u"tenantUser"_s, labelText(ui.tenantUserLabel)},
                                           {u"oauth/issuer"_s, labelText(ui.issuerLabel)},
                                           {u"oauth/clientSecretRef"_s, labelText(ui.clientSecretLabel)}});
}

QHash<QString, QString> GuidedStartWizard::typedSecrets() const
{
    const Ui::GuidedStartEnvironmentPage &ui = *m_environmentUi;
    const Environment env = environment();
    QHash<QString, QString> secrets;
    if (!ui.adminPasswordEdit->text().isEmpty())
        secrets.insert(SecretKey::gatewayAdmin(env.name, env.adminUser).keychainKey(), ui.adminPasswordEdit->text());
    if (!ui.tenantPasswordEdit->text().isEmpty() && !env.ioTenantUser.isEmpty())
        secrets.insert(SecretKey::tenantUser(env.name, env.ioTenantUser).keychainKey(), ui.tenantPasswordEdit->text());
    if (!ui.clientSecretEdit->text().isEmpty() && !env.oauth.clientId.isEmpty())
        secrets.insert(SecretKey::oauthClient(env.name, env.oauth.clientId).keychainKey(), ui.clientSecretEdit->text());
    return secrets;
}

QProcessEnvironment GuidedStartWizard::secretEnvironment() const
{
    // The checks read the typed secrets the way a headless run reads its variables: nothing is
    // stored before Finish.
    QProcessEnvironment process;
    const Environment env = environment();
    const QHash<QString, QString> secrets = typedSecrets();
    for (const SecretKey &key :
         {SecretKey::gatewayAdmin(env.name, env.adminUser), SecretKey::tenantUser(env.name, env.ioTenantUser),
          SecretKey::oauthClient(env.name, env.oauth.clientId)}) {
        if (secrets.contains(key.keychainKey()))
            process.insert(SecretProvider::environmentVariableFor(key), secrets.value(key.keychainKey()));
    }
    return process;
}

Workspace GuidedStartWizard::result() const
{
    return m_result;
}

void GuidedStartWizard::setBase(const Workspace &workspace, const QString &environmentName)
{
    m_base = workspace;
    const Environment *environment = workspace.environment(environmentName);
    if (!environment)
        return;
    m_baseEnvironment = *environment;
    m_baseEnvironmentName = environmentName;
    setWindowTitle(tr("Adopt from the gateway of %1").arg(environmentName));
    Ui::GuidedStartEnvironmentPage &ui = *m_environmentUi;
    ui.nameEdit->setText(environment->name);
    ui.gatewayUrlEdit->setText(environment->gatewayUrl);
    ui.gatewayUrlEdit->setProperty("pinnedSha256", environment->tls.pinnedSha256);
    ui.gatewayUrlEdit->setProperty("caCertificateFile", environment->tls.caCertificateFile);
    ui.adminUserEdit->setText(environment->adminUser);
    ui.tenantUrlEdit->setText(environment->ioTenantUrl);
    ui.tenantUserEdit->setText(environment->ioTenantUser);
    ui.issuerEdit->setText(environment->oauth.issuer);
    ui.clientIdEdit->setText(environment->oauth.clientId);
    ui.audienceEdit->setText(environment->oauth.audience);
    for (QLineEdit *secret : {ui.adminPasswordEdit, ui.tenantPasswordEdit, ui.clientSecretEdit})
        secret->setPlaceholderText(tr("unchanged when empty: the keychain entry is used"));
}

void GuidedStartWizard::accept()
{
    Workspace workspace;
    workspace.name = tr("New workspace");
    const Environment env = environment();
    if (m_base) {
        // Adopting into the open workspace: its environment takes what the first page says.
        workspace = *m_base;
        bool replaced = false;
        for (Environment &candidate : workspace.environments) {
            if (candidate.name == m_baseEnvironmentName) {
                candidate = env;
                replaced = true;
            }
        }
        if (!replaced)
            workspace.environments << env;
    } else {
        workspace.environments << env;
    }
    m_report = {};
    auto *adoptPage = static_cast<GuidedStartAdoptPage *>(page(AdoptPageId));
    if (adoptPage->adoptChosen()) {
        AdoptionRequest request;
        request.proxies = adoptPage->selected(AdoptionCandidate::Kind::Proxy);
        request.aliases = adoptPage->selected(AdoptionCandidate::Kind::Alias);
        request.tenant = m_tenant;
        AdoptionResult adopted = adopt(workspace, env.name, *m_observed, request);
        workspace = adopted.workspace;
        m_report = adopted.report;
    }
    m_result = workspace;

    // Only now do the typed secrets go to the keychain.
    const QHash<QString, QString> secrets = typedSecrets();
    auto pending = std::make_shared<int>(int(secrets.size()));
    auto failures = std::make_shared<QStringList>();
    if (secrets.isEmpty())
        Q_EMIT secretsStored({});
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const QStringList parts = it.key().split(u'/');
        const SecretKey key{parts.value(0), parts.value(1), parts.mid(2).join(u'/')};
        m_store->write(key, it.value(), m_store,
                       [self = QPointer(this), key, pending, failures](const SecretResult &result) {
                           if (!result.ok())
                               *failures << key.describe() + u": "_s + result.message;
                           if (--*pending == 0 && self)
                               Q_EMIT self->secretsStored(*failures);
                       });
    }
    QWizard::accept();
}

bool GuidedStartWizard::exposeNext() const
{
    const auto *box = findChild<QCheckBox *>(u"exposeNextBox"_s);
    return box && box->isChecked();
}

} // namespace gw
