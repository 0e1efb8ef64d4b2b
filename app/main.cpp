// SPDX-License-Identifier: GPL-3.0-or-later
// Wires the objects together: headless subcommands on a QCoreApplication, otherwise the console.
#include "cli/cli.h"
#include "dialogs/secretpromptdialog.h"
#include "examples.h"
#include "mainwindow.h"
#include "oauth/jwkscache.h"
#include "oauth/tokensession.h"
#include "pages/advisorpage.h"
#include "pages/auditlogpage.h"
#include "pages/calltesterpage.h"
#include "pages/environmentspage.h"
#include "pages/planpage.h"
#include "pages/secretspage.h"
#include "pages/tokenlabpage.h"
#include "probe/calltester.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretprovider.h"
#include "services.h"
#include "settings/settings.h"
#include "sync/auditlog.h"
#include "sync/syncservice.h"
#include "version.h"
#include "workspacedocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace {

/// The demo workspace: installed next to the binary's share folder, or in the source tree of a
/// development build, else the copy built into the program (which opens untitled).
QString demoWorkspacePath()
{
    const QStringList candidates{
        QCoreApplication::applicationDirPath() + u"/../share/gatewright/examples/demo.gatewright.json"_s,
        QStringLiteral(GATEWRIGHT_INSTALLED_DEMO),
        QStringLiteral(GATEWRIGHT_SOURCE_DEMO),
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).absoluteFilePath();
    }
    return gw::Examples::demoWorkspacePath();
}

} // namespace

int main(int argc, char *argv[])
{
    // Our debug output is for developers who ask for it (QT_LOGGING_RULES overrides this);
    // a headless run prints its results, not its traces.
    QLoggingCategory::setFilterRules(QStringLiteral("gatewright.*.debug=false"));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (gw::cli::isHeadlessInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("gatewright"));
        QCoreApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
        QTextStream out(stdout);
        QTextStream err(stderr);
        gw::cli::CliIo io{out, err};
        return gw::cli::run(app.arguments(), io);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewright"));
    QApplication::setApplicationDisplayName(QStringLiteral(GATEWRIGHT_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(GATEWRIGHT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(GATEWRIGHT_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Console for webMethods API Gateway proxies "
                                                                     "of webMethods.io Integration"));
    parser.addPositionalArgument(u"workspace"_s,
                                 QApplication::translate("main", "The workspace file to open (*.gatewright.json)."),
                                 u"[workspace]"_s);
    parser.process(app);

    QNetworkAccessManager network;
    gw::Settings settings;
    gw::KeychainSecretStore secrets;
    gw::SecretProvider secretProvider(&secrets);
    gw::Services services;
    services.network = &network;
    services.secrets = &secrets;
    services.secretProvider = &secretProvider;
    services.settings = &settings;
    gw::JwksCache jwks(&network);
    gw::TokenSession tokenSession(&network, &secretProvider, &jwks);
    tokenSession.setUrlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    gw::CallTester callTester(&network, &tokenSession);
    services.jwks = &jwks;
    services.tokenSession = &tokenSession;
    services.callTester = &callTester;
    gw::SyncService sync(&network, &secretProvider, gw::AuditLog::defaultPath());
    services.sync = &sync;

    gw::WorkspaceDocument document;
    gw::MainWindow window(services, document);
    window.addPage(new gw::AdvisorPage(services, document), QApplication::translate("main", "Advisor"));
    window.addPage(new gw::EnvironmentsPage(services, document), QApplication::translate("main", "Environments"));
    window.addPage(new gw::TokenLabPage(services, document), QApplication::translate("main", "Token lab"));
    window.addPage(new gw::CallTesterPage(services, document), QApplication::translate("main", "Call tester"));
    window.addPage(new gw::SecretsPage(services, document), QApplication::translate("main", "Secrets"));
    auto *planPage = new gw::PlanPage(services, document);
    planPage->setSaver([&window] { return window.saveWorkspace(); });
    window.addPage(planPage, QApplication::translate("main", "Plan & apply"));
    window.addPage(new gw::AuditLogPage(services, document), QApplication::translate("main", "Audit log"));
    secretProvider.setPromptHandler(
        [&window](const gw::SecretPromptRequest &request, gw::SecretProvider::PromptDone done) {
            gw::SecretPromptDialog::ask(&window, request, std::move(done));
        });
    secretProvider.setOriginHandler([&window](const gw::SecretOriginRequest &request,
                                              gw::SecretProvider::OriginDone done) {
        // Asked, never assumed: a secret stored for one host is not sent to another silently.
        auto *box =
            new QMessageBox(QMessageBox::Warning, QApplication::translate("main", "Send a secret to a new host?"),
                            QApplication::translate("main", "%1 was stored for %2.\nThis request would send "
                                                            "it to %3.")
                                .arg(request.description, request.boundOrigin, request.newOrigin),
                            QMessageBox::NoButton, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(QStringLiteral("secretOriginQuestion"));
        QPushButton *remember =
            box->addButton(QApplication::translate("main", "Send and remember the new host"), QMessageBox::AcceptRole);
        QPushButton *once = box->addButton(QApplication::translate("main", "Send once"), QMessageBox::YesRole);
        box->addButton(QMessageBox::Cancel);
        QObject::connect(box, &QMessageBox::finished, box, [box, remember, once, done] {
            const QAbstractButton *clicked = box->clickedButton();
            done(clicked == remember ? gw::SecretOriginAnswer::SendAndRemember
                 : clicked == once   ? gw::SecretOriginAnswer::SendOnce
                                     : gw::SecretOriginAnswer::Cancel);
        });
        box->open();
    });
    secrets.probe();

    // The workspace named on the command line, else the last one, else the demo.
    QString workspace = parser.positionalArguments().value(0);
    if (workspace.isEmpty() && QFileInfo::exists(settings.lastWorkspace()))
        workspace = settings.lastWorkspace();
    if (workspace.isEmpty())
        workspace = demoWorkspacePath();
    window.show();
    window.openWorkspaceInBackground(workspace);
    return app.exec();
}
