// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace gw {

struct Services;
class InventoryPage;
class WorkspaceDocument;

/// The console's window: a side navigation of pages (the first is "Inventory"), the File and
/// Edit menus (open, save, recent files, undo/redo) and the environment selector. It shows the
/// open WorkspaceDocument; pages are added by whoever builds the window (see addPage()).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Services &services, WorkspaceDocument &document, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Appends a page to the side navigation; the window takes ownership. Pages are built as
    /// `Page(Services &, WorkspaceDocument &, QWidget *parent)`.
    void addPage(QWidget *page, const QString &title);
    /// Keeps the window within the available geometry of its screen (size first, then position).
    void clampToScreen();
    /// Shows the page with this navigation title; returns false when there is none.
    bool showPage(const QString &title);
    QWidget *currentPage() const;
    InventoryPage *inventoryPage() const { return m_inventory; }

    /// Opens a workspace file; on failure shows why and keeps the open workspace.
    bool openWorkspace(const QString &path);
    /// The same, reading the file on a worker thread; the window stays responsive meanwhile.
    void openWorkspaceInBackground(const QString &path);
    bool saveWorkspace();
    /// Opens "Expose integration…", on `project` (and `integration`) when given.
    void exposeIntegration(const QString &project = {}, const QString &integration = {});
    bool saveWorkspaceAs(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void openWithDialog();
    bool saveAsWithDialog();
    void newWorkspace();
    void adoptFromGateway();
    void showAbout();
    /// Asks what to do with unsaved changes; true when it is fine to go on.
    bool maybeSave();
    /// An apply is running: asks whether to stop it (rollback first, then the window closes); true when
    /// closing may go on now.
    bool maybeStopApply();
    void updateTitle();
    void updateRecentFilesMenu();
    void updateEnvironments();
    void showError(const QString &title, const QString &message);
    void workspaceOpened(const QString &path);

    Services &m_services;
    WorkspaceDocument &m_document;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    InventoryPage *m_inventory;
    QComboBox *m_environment;
    QLabel *m_environmentStatus;
    QMenu *m_recentMenu = nullptr;
    QAction *m_saveAction = nullptr;
    bool m_closeWhenIdle = false; ///< the window closes once the interrupted apply has rolled back
};

} // namespace gw
