// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands/additemcommand.h"
#include "commands/edititemcommand.h"
#include "commands/removeitemcommand.h"
#include "commands/replaceworkspacecommand.h"
#include "examples.h"
#include "settings/settings.h"
#include "workspacedocument.h"
#include "workspaceedits.h"
#include "workspacefile.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace gw {

class TestWorkspaceDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void loadsTheDemo();
    void badFileLeavesTheOpenWorkspaceUntouched();
    void loadsInTheBackground();
    void commandsUndoAndRedo();
    void dirtyStateFollowsTheCleanIndex();
    void builtInDemoOpensUntitled();
    void environmentSelection();
    void settingsKeepRecentFilesAndNoSecrets();

private:
    QTemporaryDir m_dir;
};

void TestWorkspaceDocument::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestWorkspaceDocument::loadsTheDemo()
{
    WorkspaceDocument document;
    QSignalSpy changed(&document, &WorkspaceDocument::workspaceChanged);
    QString error;
    const QString path = QStringLiteral(GATEWRIGHT_SOURCE_DEMO);
    QVERIFY2(document.load(path, &error), qPrintable(error));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(document.filePath(), path);
    QCOMPARE(document.displayName(), u"demo.gatewright.json"_s);
    QCOMPARE(document.workspace().proxies.size(), 6);
    QCOMPARE(document.currentEnvironment(), u"sandbox"_s);
    QVERIFY(!document.isModified());
}

void TestWorkspaceDocument::badFileLeavesTheOpenWorkspaceUntouched()
{
    WorkspaceDocument document;
    QString error;
    QVERIFY(document.load(QStringLiteral(GATEWRIGHT_SOURCE_DEMO), &error));
    const Workspace before = document.workspace();

    QFile file(m_dir.filePath(u"bad.gatewright.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray json = WorkspaceFile::toJson(before);
    json.replace("\"alias\": \"io-orders-basic\"", "\"alias\": \"io-orders\"");
    file.write(json);
    file.close();

    QSignalSpy changed(&document, &WorkspaceDocument::workspaceChanged);
    QVERIFY(!document.load(file.fileName(), &error));
    QVERIFY2(error.contains(u"unknown alias \"io-orders\""_s), qPrintable(error));
    QVERIFY(error.startsWith(u"Cannot open "_s));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(document.workspace(), before);
    QCOMPARE(document.filePath(), QStringLiteral(GATEWRIGHT_SOURCE_DEMO));
}

void TestWorkspaceDocument::loadsInTheBackground()
{
    WorkspaceDocument document;
    QSignalSpy finished(&document, &WorkspaceDocument::loadFinished);
    document.loadInBackground(QStringLiteral(GATEWRIGHT_SOURCE_DEMO));
    QVERIFY(document.isLoading());
    QVERIFY(document.workspace().proxies.isEmpty()); // untouched until the reader is done
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toBool(), true);
    QCOMPARE(finished.at(0).at(2).toString(), QString());
    QVERIFY(!document.isLoading());
    QCOMPARE(document.workspace().proxies.size(), 6);
    QCOMPARE(document.filePath(), QStringLiteral(GATEWRIGHT_SOURCE_DEMO));

    const QString missing = m_dir.filePath(u"missing.gatewright.json"_s);
    document.loadInBackground(missing);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(1).at(1).toBool(), false);
    QVERIFY(finished.at(1).at(2).toString().startsWith(u"Cannot open "_s));
    QCOMPARE(document.workspace().proxies.size(), 6);
}

void TestWorkspaceDocument::commandsUndoAndRedo()
{
    WorkspaceDocument document;
    QString error;
    QVERIFY(document.load(QStringLiteral(GATEWRIGHT_SOURCE_DEMO), &error));
    const Workspace original = document.workspace();
    QUndoStack *stack = document.undoStack();

    GatewayProxy added = original.proxies.constFirst();
    added.name = u"OrdersCancel"_s;
    stack->push(new AddItemCommand<GatewayProxy>(document, original.proxies.size(), added));
    QCOMPARE(stack->undoText(), u"Add proxy OrdersCancel 1.0"_s);
    QCOMPARE(document.workspace().proxies.constLast().name, u"OrdersCancel"_s);

    IoProject orders = original.projects.constFirst();
    orders.sensitivity = u"public"_s;
    stack->push(new EditItemCommand<IoProject>(document, 0, orders));
    QCOMPARE(stack->undoText(), u"Edit project Orders"_s);
    QCOMPARE(document.workspace().projects.constFirst().sensitivity, u"public"_s);

    stack->push(new RemoveItemCommand<Alias>(document, original.aliases.size() - 1));
    QCOMPARE(document.workspace().aliases.size(), original.aliases.size() - 1);

    stack->push(new ReplaceWorkspaceCommand(document,
                                            WorkspaceEdits::removeTechnicalUser(document.workspace(), u"svc-orders"_s),
                                            u"Delete technical user svc-orders"_s));
    QVERIFY(!document.workspace().technicalUser(u"svc-orders"_s));
    QVERIFY(!document.workspace().alias(u"io-orders-basic"_s));

    while (stack->canUndo())
        stack->undo();
    QCOMPARE(document.workspace(), original);
    while (stack->canRedo())
        stack->redo();
    QVERIFY(!document.workspace().technicalUser(u"svc-orders"_s));
    QCOMPARE(document.workspace().proxies.size(), original.proxies.size() + 1);
}

void TestWorkspaceDocument::dirtyStateFollowsTheCleanIndex()
{
    WorkspaceDocument document;
    QString error;
    const QString path = m_dir.filePath(u"dirty.gatewright.json"_s);
    QVERIFY(QFile::copy(QStringLiteral(GATEWRIGHT_SOURCE_DEMO), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(document.load(path, &error));
    QSignalSpy modified(&document, &WorkspaceDocument::modifiedChanged);

    TechnicalUser user = document.workspace().technicalUsers.constFirst();
    user.description = u"changed"_s;
    document.undoStack()->push(new EditItemCommand<TechnicalUser>(document, 0, user));
    QVERIFY(document.isModified());
    QCOMPARE(modified.count(), 1);
    QVERIFY2(document.save(&error), qPrintable(error));
    QVERIFY(!document.isModified());
    QCOMPARE(modified.count(), 2);
    document.undoStack()->undo();
    QVERIFY(document.isModified());

    WorkspaceDocument reread;
    QVERIFY(reread.load(path, &error));
    QCOMPARE(reread.workspace().technicalUsers.constFirst().description, u"changed"_s);
}

void TestWorkspaceDocument::builtInDemoOpensUntitled()
{
    WorkspaceDocument document;
    QString error;
    QVERIFY2(document.load(Examples::demoWorkspacePath(), &error), qPrintable(error));
    QCOMPARE(document.filePath(), QString());
    QCOMPARE(document.displayName(), u"Untitled"_s);
    QVERIFY(!document.save(&error));
    QCOMPARE(error, u"The workspace has no file yet: use Save As."_s);
}

void TestWorkspaceDocument::environmentSelection()
{
    WorkspaceDocument document;
    QString error;
    QVERIFY(document.load(QStringLiteral(GATEWRIGHT_SOURCE_DEMO), &error));
    QSignalSpy changed(&document, &WorkspaceDocument::currentEnvironmentChanged);
    document.setCurrentEnvironment(u"prod"_s);
    QCOMPARE(document.currentEnvironment(), u"prod"_s);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!WorkspaceDocument::isEmulator(*document.currentEnvironmentData()));
    document.setCurrentEnvironment(u"nowhere"_s);
    QCOMPARE(document.currentEnvironment(), u"prod"_s);
    document.setCurrentEnvironment(u"sandbox"_s);
    QVERIFY(WorkspaceDocument::isEmulator(*document.currentEnvironmentData()));
}

void TestWorkspaceDocument::settingsKeepRecentFilesAndNoSecrets()
{
    const QString file = m_dir.filePath(u"recent.ini"_s);
    {
        Settings settings(file);
        for (int i = 0; i < Settings::MaxRecentFiles + 2; ++i)
            settings.addRecentFile(m_dir.filePath(u"w%1.gatewright.json"_s.arg(i)));
        settings.addRecentFile(m_dir.filePath(u"w3.gatewright.json"_s));
        settings.setLastEnvironment(u"prod"_s);
    }
    Settings settings(file);
    QCOMPARE(settings.recentFiles().size(), Settings::MaxRecentFiles);
    QCOMPARE(settings.lastWorkspace(), m_dir.filePath(u"w3.gatewright.json"_s));
    QCOMPARE(settings.recentFiles().count(m_dir.filePath(u"w3.gatewright.json"_s)), 1);
    QCOMPARE(settings.lastEnvironment(), u"prod"_s);
    // Default location honours the test mode, away from the user's real settings.
    QVERIFY(Settings::defaultFilePath().contains(u"qttest"_s));
}

} // namespace gw

QTEST_MAIN(gw::TestWorkspaceDocument)
#include "tst_workspacedocument.moc"
