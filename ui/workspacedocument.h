// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace gw {
struct WorkspaceReadResult;
}

namespace gw {

/// The open workspace: its content, where it lives on disk, its edit history (every edit is a
/// QUndoCommand on undoStack()), whether it differs from the file, and the environment the
/// console currently talks to. Pages read workspace() and listen to workspaceChanged(); they
/// change it only by pushing commands (ui/commands/) onto undoStack().
class WorkspaceDocument : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceDocument(QObject *parent = nullptr);
    ~WorkspaceDocument() override;

    const Workspace &workspace() const { return m_workspace; }
    /// Absolute path of the file, empty for a workspace never saved.
    QString filePath() const { return m_filePath; }
    /// The file name shown in the title ("demo.gatewright.json", or "Untitled").
    QString displayName() const;
    QUndoStack *undoStack() const { return m_undoStack; }
    /// True when the workspace differs from the file (the undo stack is not at its clean index).
    bool isModified() const;

    /// Reads `path`; on failure leaves the open workspace untouched and returns false with a
    /// message naming the file, the JSON pointer and the reason in `error`.
    bool load(const QString &path, QString *error);
    /// The same on a worker thread, for files that take a while to read: loadFinished() tells the
    /// outcome; the open workspace stays as it is until then (and on failure).
    void loadInBackground(const QString &path);
    bool isLoading() const { return m_loading > 0; }
    /// Writes atomically to filePath() (or `path` for "save as", which becomes the new filePath()).
    bool save(QString *error);
    bool saveAs(const QString &path, QString *error);
    /// Replaces the whole document (new/imported workspace): clears the history.
    void reset(const Workspace &workspace, const QString &filePath = QString());

    QString currentEnvironment() const { return m_currentEnvironment; }
    const Environment *currentEnvironmentData() const;
    /// Selects an environment by name; unknown names are ignored.
    void setCurrentEnvironment(const QString &name);
    /// True for the loopback emulator (`gatewright-sandbox`): the environment named "sandbox" or
    /// one whose gateway is on 127.0.0.1 / localhost. The UI labels it as an emulator.
    static bool isEmulator(const Environment &environment);

    /// Mutators for undo commands only; each emits workspaceChanged(). T is one of GatewayProxy,
    /// IoProject, TechnicalUser, Alias.
    template<typename T> void insertItem(qsizetype row, const T &item);
    template<typename T> void replaceItem(qsizetype row, const T &item);
    template<typename T> void removeItem(qsizetype row);
    /// Replaces the content in one step (for commands that change several lists at once).
    void replaceWorkspace(const Workspace &workspace);

Q_SIGNALS:
    void workspaceChanged();
    void currentEnvironmentChanged(const QString &name);
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);
    /// A different workspace was opened or reset (not an edit), right after its workspaceChanged():
    /// pages drop per-workspace state.
    void documentReset();
    /// Outcome of loadInBackground(): `error` as load() words it, empty on success.
    void loadFinished(const QString &path, bool ok, const QString &error);

private:
    void chooseEnvironment(const QString &preferred);
    bool apply(const QString &path, const WorkspaceReadResult &result, QString *error);

    Workspace m_workspace;
    QString m_filePath;
    QString m_currentEnvironment;
    QUndoStack *m_undoStack;
    int m_loading = 0;
};

} // namespace gw
