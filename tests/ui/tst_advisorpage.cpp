// SPDX-License-Identifier: GPL-3.0-or-later
// The Advisor page driven offscreen on the demo workspace against gatewright-sandbox --seed demo: the
// diagram's nodes and problem edges, a user's and an alias's blast radius lit by a click, the comparison
// with its recommended column, per project applied as one undo step (undo gives the file back byte for
// byte), the live check with a wrong password and an excess role, PNG and SVG export, and 60 proxies.
#include "advisor.h"
#include "dialogs/applystrategydialog.h"
#include "examples.h"
#include "insandbox.h"
#include "pages/advisorpage.h"
#include "sandbox.h"
#include "sandbox/iotenant.h"
#include "sandbox/sandboxruntime.h"
#include "secrets/memorysecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "settings/settings.h"
#include "widgets/credentialflowscene.h"
#include "widgets/credentialflowview.h"
#include "workspacedocument.h"
#include "workspacefile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace gw;
using namespace Qt::StringLiterals;
using EdgeKind = CredentialFlowScene::EdgeKind;

class TestAdvisorPage : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxRuntime> m_runtime;
    QTemporaryDir m_directory;
    QNetworkAccessManager m_network;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretProvider> m_provider;
    std::unique_ptr<Settings> m_settings;
    Services m_services;
    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<AdvisorPage> m_page;

    QString path() const { return m_directory.filePath(u"demo.gatewright.json"_s); }

    static void snapshot(QWidget *widget, const QString &name)
    {
        const QString directory = qEnvironmentVariable("GATEWRIGHT_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            widget->grab().save(directory + u'/' + name + u".png"_s);
    }

    void openPage(const Workspace &workspace)
    {
        QString error;
        QVERIFY2(WorkspaceFile::write(workspace, path(), &error), qPrintable(error));
        m_document = std::make_unique<WorkspaceDocument>();
        QVERIFY2(m_document->load(path(), &error), qPrintable(error));
        m_document->setCurrentEnvironment(u"sandbox"_s);
        m_page = std::make_unique<AdvisorPage>(m_services, *m_document);
        m_page->resize(1280, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    Workspace demoOnSandbox() const
    {
        Workspace w = *WorkspaceFile::read(Examples::demoWorkspacePath()).workspace;
        for (Environment &environment : w.environments) {
            if (environment.name == u"sandbox") {
                environment.gatewayUrl = m_sandbox->gatewayUrl().toString();
                environment.ioTenantUrl = m_runtime->tenant().baseUrl().toString();
            }
        }
        return w;
    }

    void click(const QString &node)
    {
        CredentialFlowView *view = m_page->view();
        const QRectF rect = m_page->scene()->nodeRect(node);
        QVERIFY2(!rect.isNull(), qPrintable(node));
        view->centerOn(rect.center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(rect.center()));
    }

    static bool hasEdge(const QList<CredentialFlowScene::Edge> &edges, const QString &from, const QString &to)
    {
        return std::any_of(edges.cbegin(), edges.cend(),
                           [&](const CredentialFlowScene::Edge &e) { return e.from == from && e.to == to; });
    }

    QByteArray fileBytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(test::startSandbox(m_sandbox, m_runtime, &error), qPrintable(error));
        m_store = std::make_unique<MemorySecretStore>();
        const QHash<QString, QString> demoPasswords = test::demoAliasPasswords();
        for (const auto &[alias, password] : demoPasswords.asKeyValueRange())
            m_store->insert(SecretKey::alias(u"sandbox"_s, alias), password);
        m_provider = std::make_unique<SecretProvider>(m_store.get(), QProcessEnvironment());
        m_settings = std::make_unique<Settings>(m_directory.filePath(u"settings.ini"_s));
        m_services = Services{};
        m_services.network = &m_network;
        m_services.secrets = m_store.get();
        m_services.secretProvider = m_provider.get();
        m_services.settings = m_settings.get();
    }
    void cleanup()
    {
        m_page.reset();
        m_document.reset();
        m_runtime.reset();
        m_sandbox.reset();
    }

    void diagramShowsTheChainAndItsProblems()
    {
        openPage(demoOnSandbox());
        // With the navigation list beside it, the page leaves the window within 1024 px.
        QVERIFY2(m_page->minimumSizeHint().width() <= 880,
                 qPrintable(QString::number(m_page->minimumSizeHint().width())));
        CredentialFlowScene *scene = m_page->scene();
        const QStringList ids = scene->nodeIds();
        QCOMPARE(ids.filter(QRegularExpression(u"^proxy:"_s)).size(), 6);
        QCOMPARE(ids.filter(QRegularExpression(u"^alias:"_s)).size(), 4);
        QCOMPARE(ids.filter(QRegularExpression(u"^user:"_s)).size(), 4);
        QCOMPARE(ids.filter(QRegularExpression(u"^project:"_s)).size(), 3);
        QCOMPARE(ids.filter(QRegularExpression(u"^oauth:"_s)).size(), 1);
        QVERIFY(hasEdge(scene->edgesOfKind(EdgeKind::NoOutboundAuth), u"proxy:InvoicesIssue/1.0"_s,
                        u"project:Invoicing"_s));
        const auto excess = scene->edgesOfKind(EdgeKind::ExcessPrivilege);
        QVERIFY(hasEdge(excess, u"user:svc-gateway-shared"_s, u"project:Customers"_s));
        QVERIFY(hasEdge(excess, u"user:svc-gateway-shared"_s, u"project:Invoicing"_s));
        QVERIFY(hasEdge(scene->edgesOfKind(EdgeKind::Normal), u"alias:io-orders-basic"_s, u"user:svc-orders"_s));
        QVERIFY(scene->edgesOfKind(EdgeKind::MissingRole).isEmpty());
        snapshot(m_page.get(), u"advisor-demo"_s);
    }

    void clickingAUserOrAnAliasLightsItsBlastRadius()
    {
        openPage(demoOnSandbox());
        CredentialFlowScene *scene = m_page->scene();
        click(u"user:svc-gateway-shared"_s);
        QCOMPARE(scene->highlightedNode(), u"user:svc-gateway-shared"_s);
        QStringList expected{u"user:svc-gateway-shared"_s, u"alias:io-shared-basic"_s, u"proxy:OrdersList/1.0"_s,
                             u"project:Orders"_s,          u"project:Customers"_s,     u"project:Invoicing"_s};
        expected << scene->nodeIds().filter(QRegularExpression(u"^oauth:"_s));
        expected.sort();
        QCOMPARE(scene->highlightedIds(), expected);
        // The users table follows the diagram.
        auto *users = m_page->findChild<QTableWidget *>(u"usersTable"_s);
        QCOMPARE(users->item(users->currentRow(), 0)->text(), u"svc-gateway-shared"_s);
        snapshot(m_page.get(), u"advisor-shared-selected"_s);

        click(u"alias:io-orders-basic"_s);
        const QStringList lit = scene->highlightedIds();
        QVERIFY(lit.contains(u"proxy:OrdersCreate/1.0"_s) && lit.contains(u"proxy:OrdersStatus/1.0"_s));
        QVERIFY(lit.contains(u"user:svc-orders"_s) && lit.contains(u"project:Orders"_s));
        QVERIFY(!lit.contains(u"proxy:OrdersList/1.0"_s));
        QVERIFY(!lit.contains(u"project:Customers"_s));
    }

    void comparisonMarksTheRecommendationAndItsReasons()
    {
        openPage(demoOnSandbox());
        auto *table = m_page->findChild<QTableWidget *>(u"comparisonTable"_s);
        QCOMPARE(table->columnCount(), 4);
        QCOMPARE(table->horizontalHeaderItem(2)->text(), u"★ Per project"_s);
        QVERIFY(table->horizontalHeaderItem(2)->toolTip().contains(u"recommended"_s));
        QVERIFY(!table->horizontalHeaderItem(1)->toolTip().contains(u"recommended"_s));
        QCOMPARE(table->verticalHeaderItem(0)->text(), u"users (new)"_s);
        QCOMPARE(table->item(0, 1)->text(), u"1 (0)"_s);
        QCOMPARE(table->item(0, 2)->text(), u"3 (0)"_s);
        const QString reasons = m_page->findChild<QLabel *>(u"recommendationLabel"_s)->text();
        QVERIFY2(reasons.contains(u"A leak of svc-gateway-shared, the shared user, would reach 3 projects"_s),
                 qPrintable(reasons));
        auto *combo = m_page->findChild<QComboBox *>(u"strategyCombo"_s);
        QVERIFY(combo->currentText().contains(u"One user per project (recommended)"_s));
        // The rotation interval drives the figures and is kept in the settings.
        m_page->findChild<QSpinBox *>(u"rotationSpin"_s)->setValue(30);
        QCOMPARE(table->item(3, 0)->text(), QString::number(4 * 365.0 / 30, 'f', 1));
        QCOMPARE(m_settings->rotationIntervalDays(), 30);
    }

    void applyPerProjectIsOneUndoStepAndUndoGivesTheFileBack()
    {
        openPage(demoOnSandbox());
        const QByteArray original = fileBytes();
        auto *apply = m_page->findChild<QPushButton *>(u"applyStrategyButton"_s);
        QTest::mouseClick(apply, Qt::LeftButton);
        auto *dialog = m_page->findChild<ApplyStrategyDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QString changes = dialog->findChild<QPlainTextEdit *>(u"changesView"_s)->toPlainText();
        QVERIFY2(changes.contains(u"Proxy OrdersList/1.0: outbound alias io-shared-basic -> io-orders-basic"_s),
                 qPrintable(changes));
        QVERIFY(dialog->checklistText().contains(u"[ ] Deactivate or delete user svc-gateway-shared"_s));
        snapshot(dialog, u"advisor-apply-dialog"_s);
        QVERIFY(m_document->workspace().proxy(u"OrdersList"_s, u"1.0"_s)->outbound.alias == u"io-shared-basic");
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(m_document->workspace().proxy(u"OrdersList"_s, u"1.0"_s)->outbound.alias, u"io-orders-basic"_s);
        QCOMPARE(m_document->workspace().proxy(u"InvoicesIssue"_s, u"1.0"_s)->outbound.alias, u"io-invoicing-basic"_s);
        QVERIFY(m_page->analysis().problems.isEmpty());
        QVERIFY(m_page->scene()->edgesOfKind(EdgeKind::NoOutboundAuth).isEmpty());
        QString error;
        QVERIFY2(m_document->save(&error), qPrintable(error));
        QVERIFY(fileBytes() != original);

        m_document->undoStack()->undo();
        QVERIFY2(m_document->save(&error), qPrintable(error));
        QCOMPARE(fileBytes(), original);
        QVERIFY(!m_page->analysis().problems.isEmpty());
    }

    void liveCheckDrawsAWrongPasswordAndAnExcessRole()
    {
        openPage(demoOnSandbox());
        m_store->insert(SecretKey::alias(u"sandbox"_s, u"io-customers-basic"_s), u"CANARY-stale-password"_s);
        QVERIFY(m_runtime->tenant().setUserRoles(u"svc-orders"_s, {u"orders-exec"_s, u"customers-exec"_s}));
        QSignalSpy finished(m_page.get(), &AdvisorPage::liveCheckFinished);
        QTest::mouseClick(m_page->findChild<QPushButton *>(u"liveButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(15000));

        auto *users = m_page->findChild<QTableWidget *>(u"usersTable"_s);
        QHash<QString, QString> live;
        for (int row = 0; row < users->rowCount(); ++row)
            live.insert(users->item(row, 0)->text(), users->item(row, 1)->text());
        QCOMPARE(live.value(u"svc-customers"_s), u"wrong password or locked"_s);
        QCOMPARE(live.value(u"svc-orders"_s), u"excess access"_s);
        QCOMPARE(live.value(u"svc-gateway-shared"_s), u"excess access"_s);
        CredentialFlowScene *scene = m_page->scene();
        QVERIFY(
            hasEdge(scene->edgesOfKind(EdgeKind::LiveFailed), u"alias:io-customers-basic"_s, u"user:svc-customers"_s));
        QVERIFY(hasEdge(scene->edgesOfKind(EdgeKind::ExcessPrivilege), u"user:svc-orders"_s, u"project:Customers"_s));
        const QString status = m_page->findChild<QLabel *>(u"advisorStatus"_s)->text();
        QVERIFY2(status.contains(u"do not match"_s), qPrintable(status));
        QVERIFY(!status.contains(u"CANARY"_s));
        snapshot(m_page.get(), u"advisor-live"_s);

        // An edit makes the live results stale: they go.
        Workspace edited = m_document->workspace();
        edited.projects[0].sensitivity = u"public"_s;
        m_document->replaceWorkspace(edited);
        QVERIFY(!m_page->analysis().liveChecked);
    }

    void exportsPngAndSvg()
    {
        openPage(demoOnSandbox());
        QString error;
        const QString png = m_directory.filePath(u"flow.png"_s);
        const QString svg = m_directory.filePath(u"flow.svg"_s);
        QVERIFY2(m_page->exportDiagram(png, &error), qPrintable(error));
        QVERIFY2(m_page->exportDiagram(svg, &error), qPrintable(error));
        QImage image(png);
        QVERIFY(image.width() > 1000 && image.height() > 200);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("svc-orders"));
        QVERIFY(content.contains("live check failed")); // the legend goes with it
        QVERIFY(!m_page->exportDiagram(m_directory.filePath(u"missing/dir/flow.svg"_s), &error));
        QVERIFY2(error.contains(u"missing/dir/flow.svg"_s), qPrintable(error));
    }

    void sixtyProxiesStayReadable()
    {
        Workspace w = demoOnSandbox();
        w.proxies.clear();
        w.technicalUsers.clear();
        w.aliases.erase(std::remove_if(w.aliases.begin(), w.aliases.end(),
                                       [](const Alias &a) { return a.type == Alias::Type::HttpTransportSecurity; }),
                        w.aliases.end());
        w.projects.clear();
        const QStringList levels{u"public"_s, u"internal"_s, u"confidential"_s, u"restricted"_s};
        for (int p = 0; p < 12; ++p) {
            IoProject project{u"Project%1"_s.arg(p, 2, 10, QLatin1Char('0')), u"uid-%1"_s.arg(p), levels.at(p % 4), {}};
            const QString user = u"svc-project-%1"_s.arg(p);
            w.technicalUsers << TechnicalUser{user, {}, {project.name}};
            Alias alias;
            alias.name = u"io-project-%1-basic"_s.arg(p);
            alias.technicalUser = user;
            alias.password.key = u"alias/"_s + alias.name;
            w.aliases << alias;
            for (int i = 0; i < 5; ++i) {
                const QString flow = u"flow%1x%2"_s.arg(p).arg(i);
                project.integrations << Integration{flow, Integration::Kind::FlowService,
                                                    u"/integration/rest/external/integration/run/development/"_s +
                                                        flow};
                GatewayProxy proxy;
                proxy.name = u"Api%1x%2"_s.arg(p).arg(i);
                proxy.project = project.name;
                proxy.integration = flow;
                proxy.inbound.scopes = {u"scope:%1"_s.arg(p)};
                proxy.outbound.alias = (p == 3 && i == 0) ? QString() : alias.name;
                if (p == 3 && i == 0)
                    proxy.outbound.kind = OutboundAuth::Kind::None;
                w.proxies << proxy;
            }
            w.projects << project;
        }
        openPage(w);
        CredentialFlowScene *scene = m_page->scene();
        QStringList proxies = scene->nodeIds().filter(QRegularExpression(u"^proxy:"_s));
        QCOMPARE(proxies.size(), 60);
        // No two nodes overlap, whatever the column.
        const QStringList ids = scene->nodeIds();
        for (qsizetype i = 0; i < ids.size(); ++i) {
            for (qsizetype j = i + 1; j < ids.size(); ++j)
                QVERIFY2(!scene->nodeRect(ids.at(i)).intersects(scene->nodeRect(ids.at(j))),
                         qPrintable(ids.at(i) + u" overlaps "_s + ids.at(j)));
        }
        QCOMPARE(scene->edgesOfKind(EdgeKind::NoOutboundAuth).size(), 1);
        m_page->view()->fitAll();
        snapshot(m_page.get(), u"advisor-60-proxies"_s);
        click(u"user:svc-project-5"_s);
        QCOMPARE(scene->highlightedIds().filter(QRegularExpression(u"^proxy:"_s)).size(), 5);
    }
};

QTEST_MAIN(TestAdvisorPage)
#include "tst_advisorpage.moc"
