// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "commands/replaceworkspacecommand.h"
#include "pages/inventorypage.h"
#include "services.h"
#include "settings/settings.h"
#include "sync/syncservice.h"
#include "version.h"
#include "widgets/keychainstatusbanner.h"
#include "wizards/exposewizard.h"
#include "wizards/guidedstartwizard.h"
#include "workspacedocument.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace gw {

MainWindow::MainWindow(Services &services, WorkspaceDocument &document, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_document(document)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_inventory(nullptr)
    , m_environment(new QComboBox(this))
    , m_environmentStatus(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setMinimumWidth(120);
    m_navigation->setMaximumWidth(200);
    m_navigation->setSpacing(2);
    m_pages->setObjectName(u"pages"_s);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({130, 1200});
    splitter->setChildrenCollapsible(false);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    if (m_services.secrets)
        centralLayout->addWidget(new KeychainStatusBanner(m_services.secrets, central));
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_environment->setObjectName(u"environmentSelector"_s);
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_environment->setToolTip(tr("The environment (gateway, .io tenant, OAuth server) the console talks to"));
    m_environmentStatus->setObjectName(u"environmentStatus"_s);
    statusBar()->addPermanentWidget(m_environmentStatus);

    createActions();

    m_inventory = new InventoryPage(m_services, m_document, this);
    addPage(m_inventory, tr("Inventory"));
    connect(m_inventory, &InventoryPage::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_inventory, &InventoryPage::exposeRequested, this,
            [this](const QString &project, const QString &integration) { exposeIntegration(project, integration); });

    connect(&m_document, &WorkspaceDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &WorkspaceDocument::loadFinished, this,
            [this](const QString &path, bool ok, const QString &error) {
                if (ok) {
                    workspaceOpened(path);
                } else {
                    statusBar()->clearMessage();
                    showError(tr("Cannot open workspace"), error);
                }
            });
    connect(&m_document, &WorkspaceDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(&m_document, &WorkspaceDocument::documentReset, this, &MainWindow::updateEnvironments);
    connect(&m_document, &WorkspaceDocument::workspaceChanged, this, &MainWindow::updateEnvironments);
    connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, this, &MainWindow::updateEnvironments);
    connect(m_environment, &QComboBox::activated, this,
            [this](int index) { m_document.setCurrentEnvironment(m_environment->itemData(index).toString()); });
    if (m_services.settings) {
        connect(m_services.settings, &Settings::recentFilesChanged, this, &MainWindow::updateRecentFilesMenu);
        connect(&m_document, &WorkspaceDocument::currentEnvironmentChanged, m_services.settings,
                &Settings::setLastEnvironment);
        if (!restoreGeometry(m_services.settings->mainWindowGeometry()))
            resize(1360, 860);
        restoreState(m_services.settings->mainWindowState());
    } else {
        resize(1360, 860);
    }
    clampToScreen();

    updateRecentFilesMenu();
    updateEnvironments();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::clampToScreen()
{
    // A geometry saved on a larger screen (or the default size on a small one) must not leave the window bigger
    // than the screen it opens on, nor off it.
    const QScreen *screen = this->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize size = this->size().boundedTo(available.size());
    if (size != this->size())
        resize(size);
    QRect frame(pos(), size);
    if (!available.contains(frame)) {
        frame.moveLeft(qBound(available.left(), frame.left(), available.right() - size.width() + 1));
        frame.moveTop(qBound(available.top(), frame.top(), available.bottom() - size.height() + 1));
        move(frame.topLeft());
    }
}

void MainWindow::addPage(QWidget *page, const QString &title)
{
    page->setParent(m_pages);
    m_pages->addWidget(page);
    auto *item = new QListWidgetItem(title, m_navigation);
    item->setSizeHint(QSize(0, 32));
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
}

bool MainWindow::showPage(const QString &title)
{
    const auto items = m_navigation->findItems(title, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    m_navigation->setCurrentItem(items.constFirst());
    return true;
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newAction = fileMenu->addAction(tr("&New Workspace…"), this, &MainWindow::newWorkspace);
    newAction->setObjectName(u"newAction"_s);
    newAction->setShortcut(QKeySequence::New);
    QAction *adoptAction = fileMenu->addAction(tr("&Adopt from Gateway…"), this, &MainWindow::adoptFromGateway);
    adoptAction->setObjectName(u"adoptAction"_s);
    QAction *exposeAction = fileMenu->addAction(tr("E&xpose Integration…"), this, [this] { exposeIntegration(); });
    exposeAction->setObjectName(u"exposeAction"_s);
    exposeAction->setToolTip(tr("Put a .io integration behind a new OAuth 2.0 proxy and verify a call"));
    QAction *openAction =
        fileMenu->addAction(QIcon::fromTheme(u"document-open"_s), tr("&Open…"), this, &MainWindow::openWithDialog);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setObjectName(u"openAction"_s);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentFilesMenu"_s);
    fileMenu->addSeparator();
    m_saveAction =
        fileMenu->addAction(QIcon::fromTheme(u"document-save"_s), tr("&Save"), this, [this] { saveWorkspace(); });
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setObjectName(u"saveAction"_s);
    QAction *saveAsAction = fileMenu->addAction(tr("Save &As…"), this, [this] { saveAsWithDialog(); });
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = m_document.undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setIcon(QIcon::fromTheme(u"edit-undo"_s));
    undoAction->setObjectName(u"undoAction"_s);
    QAction *redoAction = m_document.undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setIcon(QIcon::fromTheme(u"edit-redo"_s));
    redoAction->setObjectName(u"redoAction"_s);
    editMenu->addAction(undoAction);
    editMenu->addAction(redoAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = helpMenu->addAction(tr("&About Gatewright"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(u"aboutAction"_s);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(openAction);
    toolBar->addAction(m_saveAction);
    toolBar->addSeparator();
    toolBar->addAction(undoAction);
    toolBar->addAction(redoAction);
    toolBar->addSeparator();
    toolBar->addAction(exposeAction);
    toolBar->addSeparator();
    auto *environmentLabel = new QLabel(tr("Environment:"), toolBar);
    environmentLabel->setContentsMargins(6, 0, 6, 0);
    environmentLabel->setBuddy(m_environment);
    toolBar->addWidget(environmentLabel);
    toolBar->addWidget(m_environment);
}

bool MainWindow::openWorkspace(const QString &path)
{
    QString error;
    if (!m_document.load(path, &error)) {
        showError(tr("Cannot open workspace"), error);
        return false;
    }
    workspaceOpened(path);
    return true;
}

void MainWindow::openWorkspaceInBackground(const QString &path)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_document.loadInBackground(path);
}

void MainWindow::workspaceOpened(const QString &path)
{
    if (m_services.settings) {
        if (!m_document.filePath().isEmpty())
            m_services.settings->addRecentFile(m_document.filePath());
        m_document.setCurrentEnvironment(m_services.settings->lastEnvironment());
    }
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
}

bool MainWindow::saveWorkspace()
{
    if (m_document.filePath().isEmpty())
        return saveAsWithDialog();
    return saveWorkspaceAs(m_document.filePath());
}

bool MainWindow::saveWorkspaceAs(const QString &path)
{
    QString error;
    if (!m_document.saveAs(path, &error)) {
        showError(tr("Cannot save workspace"), error);
        return false;
    }
    if (m_services.settings)
        m_services.settings->addRecentFile(m_document.filePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document.filePath())), 5000);
    return true;
}

void MainWindow::openWithDialog()
{
    if (!maybeSave())
        return;
    const QString directory =
        m_document.filePath().isEmpty() ? QDir::homePath() : QFileInfo(m_document.filePath()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), directory,
        tr("Gatewright workspaces (*.gatewright.json);;JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        openWorkspaceInBackground(path);
}

bool MainWindow::saveAsWithDialog()
{
    QString suggestion = m_document.filePath();
    if (suggestion.isEmpty())
        suggestion = QDir::home().filePath(u"workspace.gatewright.json"_s);
    QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"), suggestion,
                                                tr("Gatewright workspaces (*.gatewright.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(u".json"_s))
        path += u".gatewright.json"_s;
    return saveWorkspaceAs(path);
}

void MainWindow::newWorkspace()
{
    if (!maybeSave())
        return;
    // A guided start instead of an empty window: an environment, its connections tested, then
    // adopt what the gateway holds or start empty.
    auto *wizard = new GuidedStartWizard(m_services.network, m_services.secrets, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QWizard::accepted, this, [this, wizard] {
        Workspace empty;
        empty.name = tr("New workspace");
        m_document.reset(empty);
        // What the wizard built is one undo step on the new document.
        m_document.undoStack()->push(new ReplaceWorkspaceCommand(
            m_document, wizard->result(),
            wizard->report().lines.isEmpty() ? tr("New environment")
                                             : tr("Adopt from %1").arg(wizard->environment().name)));
        m_document.setCurrentEnvironment(wizard->environment().name);
        if (wizard->exposeNext())
            QMetaObject::invokeMethod(
                this, [this] { exposeIntegration(); }, Qt::QueuedConnection);
    });
    connect(wizard, &GuidedStartWizard::secretsStored, this, [this](const QStringList &failures) {
        if (!failures.isEmpty())
            QMessageBox::warning(this, tr("Secrets not stored"),
                                 tr("These secrets could not be stored in the keychain; the console will ask for "
                                    "them when it needs them:\n%1")
                                     .arg(failures.join(u'\n')));
    });
    wizard->open();
}

void MainWindow::adoptFromGateway()
{
    // The guided start's checks and selection, into the open workspace, as one undo step.
    auto *wizard = new GuidedStartWizard(m_services.network, m_services.secrets, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setBase(m_document.workspace(), m_document.currentEnvironment());
    connect(wizard, &QWizard::accepted, this, [this, wizard] {
        m_document.undoStack()->push(new ReplaceWorkspaceCommand(m_document, wizard->result(),
                                                                 tr("Adopt from %1").arg(wizard->environment().name)));
        m_document.setCurrentEnvironment(wizard->environment().name);
    });
    wizard->open();
}

void MainWindow::exposeIntegration(const QString &project, const QString &integration)
{
    auto *wizard = new ExposeWizard(m_services, m_document, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!project.isEmpty())
        wizard->preset(project, integration);
    wizard->open();
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setObjectName(u"aboutBox"_s);
    box.setWindowTitle(tr("About Gatewright"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>Gatewright %1</h3><p>A console for exposing webMethods.io Integration APIs through "
                   "webMethods API Gateway with OAuth 2.0.</p>")
                    .arg(QStringLiteral(GATEWRIGHT_VERSION)));
    box.setInformativeText(
        tr("<p>Built with Qt %1, running on Qt %2.</p><p>Documentation, shipped with the program's sources and "
           "packages: README (quick start, headless use), docs/connect.md (your own gateway), docs/advisor.md "
           "(shared or per-project technical users), docs/expose.md (exposing an integration), docs/sync.md (plan "
           "and apply), docs/sandbox.md (the emulator), docs/workspace-format.md. Headless: "
           "<tt>gatewright --help</tt>.</p>")
            .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box.exec();
}

bool MainWindow::maybeSave()
{
    if (!m_document.isModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    tr("%1 has unsaved changes. Save them before closing it?").arg(m_document.displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(u"unsavedChangesBox"_s);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return saveWorkspace();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool MainWindow::maybeStopApply()
{
    SyncService *sync = m_services.sync;
    if (!sync || !sync->isBusy())
        return true;
    if (!sync->isApplying()) {
        sync->cancel(); // a pull, or the plan after it, writes nothing: no reason to wait
        return true;
    }
    if (m_closeWhenIdle) {
        statusBar()->showMessage(tr("Rolling back the interrupted apply; the window closes when it has finished."));
        return false;
    }
    QMessageBox box(QMessageBox::Warning, tr("Apply running"),
                    tr("An apply to environment \"%1\" is running. Closing now would leave its gateway half-changed.")
                        .arg(sync->environmentName()),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"applyRunningBox"_s);
    box.setInformativeText(tr("Stop it after the running step, undo the steps it completed, then close the "
                              "window? The audit log records the apply as interrupted."));
    QPushButton *stop = box.addButton(tr("Stop, Roll Back and Close"), QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(tr("Keep Applying"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() != stop)
        return false;
    if (!sync->isApplying())
        return true; // it finished while the question was open
    m_closeWhenIdle = true;
    connect(
        sync, &SyncService::applyFinished, this,
        [this](const ApplyResult &result) {
            if (!m_closeWhenIdle)
                return;
            if (result.outcome == ApplyResult::Outcome::RollbackIncomplete) {
                // What the gateway was left as, and the retry, are on the plan page: not closed over.
                m_closeWhenIdle = false;
                if (QWidget *planPage = m_pages->findChild<QWidget *>(u"planPage"_s, Qt::FindDirectChildrenOnly))
                    m_navigation->setCurrentRow(m_pages->indexOf(planPage));
                statusBar()->showMessage(tr("The rollback did not complete: the plan page says what is left changed."));
                return;
            }
            QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
        },
        Qt::SingleShotConnection);
    sync->interrupt(tr("the window was closed"));
    statusBar()->showMessage(tr("Stopping the apply after the running step and rolling back…"));
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeStopApply()) {
        event->ignore();
        return;
    }
    m_closeWhenIdle = false;
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (m_services.settings) {
        m_services.settings->setMainWindowGeometry(saveGeometry());
        m_services.settings->setMainWindowState(saveState());
    }
    event->accept();
}

void MainWindow::updateTitle()
{
    // Composed here (not with "[*]") so that every platform shows the same
    // "demo.gatewright.json* — Gatewright", which is also what the GUI test reads.
    setWindowTitle(m_document.displayName() + (m_document.isModified() ? u"*"_s : QString()) + u" — "_s +
                   QApplication::applicationDisplayName());
}

void MainWindow::updateRecentFilesMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_services.settings ? m_services.settings->recentFiles() : QStringList();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QAction *action = m_recentMenu->addAction(u"&%1 %2"_s.arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openWorkspaceInBackground(path);
        });
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), m_services.settings, &Settings::clearRecentFiles);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::updateEnvironments()
{
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    for (const Environment &environment : m_document.workspace().environments) {
        const bool emulator = WorkspaceDocument::isEmulator(environment);
        m_environment->addItem(emulator ? tr("%1 (emulator)").arg(environment.name) : environment.name,
                               environment.name);
        const int index = m_environment->count() - 1;
        m_environment->setItemData(
            index,
            emulator ? tr("%1 — local emulator (gatewright-sandbox), not a real gateway").arg(environment.gatewayUrl)
                     : environment.gatewayUrl,
            Qt::ToolTipRole);
    }
    m_environment->setCurrentIndex(m_environment->findData(m_document.currentEnvironment()));
    m_environment->setEnabled(m_environment->count() > 0);

    const Environment *current = m_document.currentEnvironmentData();
    if (!current)
        m_environmentStatus->setText(tr("No environment"));
    else if (WorkspaceDocument::isEmulator(*current))
        m_environmentStatus->setText(
            tr("Environment %1: EMULATOR (gatewright-sandbox) at %2").arg(current->name, current->gatewayUrl));
    else
        m_environmentStatus->setText(tr("Environment %1: gateway %2").arg(current->name, current->gatewayUrl));
}

void MainWindow::showError(const QString &title, const QString &message)
{
    QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box.setObjectName(u"errorBox"_s);
    box.exec();
}

} // namespace gw
