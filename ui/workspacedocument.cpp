// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspacedocument.h"

#include "workspacefile.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace gw {

namespace {
template<typename T> QList<T> &listOf(Workspace &workspace);
template<> QList<GatewayProxy> &listOf(Workspace &w)
{
    return w.proxies;
}
template<> QList<IoProject> &listOf(Workspace &w)
{
    return w.projects;
}
template<> QList<TechnicalUser> &listOf(Workspace &w)
{
    return w.technicalUsers;
}
template<> QList<Alias> &listOf(Workspace &w)
{
    return w.aliases;
}
} // namespace

WorkspaceDocument::WorkspaceDocument(QObject *parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

WorkspaceDocument::~WorkspaceDocument() = default;

QString WorkspaceDocument::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool WorkspaceDocument::isModified() const
{
    return !m_undoStack->isClean();
}

bool WorkspaceDocument::load(const QString &path, QString *error)
{
    return apply(path, WorkspaceFile::read(path), error);
}

void WorkspaceDocument::loadInBackground(const QString &path)
{
    // WorkspaceFile::read() is a pure function of the file: it runs on its own thread and hands
    // its result back to this (GUI) thread, which alone touches the document.
    auto result = std::make_shared<WorkspaceReadResult>();
    QThread *thread = QThread::create([path, result] { *result = WorkspaceFile::read(path); });
    ++m_loading;
    connect(thread, &QThread::finished, this, [this, path, result] {
        --m_loading;
        QString error;
        const bool ok = apply(path, *result, &error);
        Q_EMIT loadFinished(path, ok, error);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

bool WorkspaceDocument::apply(const QString &path, const WorkspaceReadResult &result, QString *error)
{
    if (!result.workspace) {
        if (error)
            *error = tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), result.errorString());
        return false;
    }
    // A built-in example (a Qt resource) opens untitled: saving it asks where.
    reset(*result.workspace, path.startsWith(u":/"_s) ? QString() : QFileInfo(path).absoluteFilePath());
    return true;
}

bool WorkspaceDocument::save(QString *error)
{
    if (m_filePath.isEmpty()) {
        if (error)
            *error = tr("The workspace has no file yet: use Save As.");
        return false;
    }
    return saveAs(m_filePath, error);
}

bool WorkspaceDocument::saveAs(const QString &path, QString *error)
{
    QString reason;
    if (!WorkspaceFile::write(m_workspace, path, &reason)) {
        if (error)
            *error = tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), reason);
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute != m_filePath) {
        m_filePath = absolute;
        Q_EMIT filePathChanged(m_filePath);
    }
    m_undoStack->setClean();
    return true;
}

void WorkspaceDocument::reset(const Workspace &workspace, const QString &filePath)
{
    const bool wasModified = isModified();
    m_undoStack->clear();
    m_workspace = workspace;
    if (filePath != m_filePath) {
        m_filePath = filePath;
        Q_EMIT filePathChanged(m_filePath);
    }
    chooseEnvironment(m_currentEnvironment);
    Q_EMIT workspaceChanged();
    Q_EMIT documentReset();
    if (wasModified)
        Q_EMIT modifiedChanged(false);
}

const Environment *WorkspaceDocument::currentEnvironmentData() const
{
    for (const Environment &environment : m_workspace.environments) {
        if (environment.name == m_currentEnvironment)
            return &environment;
    }
    return nullptr;
}

void WorkspaceDocument::setCurrentEnvironment(const QString &name)
{
    if (name == m_currentEnvironment)
        return;
    const bool known = std::any_of(m_workspace.environments.cbegin(), m_workspace.environments.cend(),
                                   [&](const Environment &e) { return e.name == name; });
    if (!known)
        return;
    m_currentEnvironment = name;
    Q_EMIT currentEnvironmentChanged(m_currentEnvironment);
}

bool WorkspaceDocument::isEmulator(const Environment &environment)
{
    if (environment.name == u"sandbox"_s)
        return true;
    const QString host = QUrl(environment.gatewayUrl).host();
    return host == u"127.0.0.1"_s || host == u"localhost"_s || host == u"::1"_s;
}

void WorkspaceDocument::chooseEnvironment(const QString &preferred)
{
    QString chosen;
    for (const Environment &environment : m_workspace.environments) {
        if (environment.name == preferred)
            chosen = preferred;
    }
    if (chosen.isEmpty() && !m_workspace.environments.isEmpty())
        chosen = m_workspace.environments.constFirst().name;
    if (chosen != m_currentEnvironment) {
        m_currentEnvironment = chosen;
        Q_EMIT currentEnvironmentChanged(m_currentEnvironment);
    }
}

template<typename T> void WorkspaceDocument::insertItem(qsizetype row, const T &item)
{
    QList<T> &list = listOf<T>(m_workspace);
    list.insert(qBound<qsizetype>(0, row, list.size()), item);
    Q_EMIT workspaceChanged();
}

template<typename T> void WorkspaceDocument::replaceItem(qsizetype row, const T &item)
{
    QList<T> &list = listOf<T>(m_workspace);
    if (row < 0 || row >= list.size())
        return;
    list[row] = item;
    Q_EMIT workspaceChanged();
}

template<typename T> void WorkspaceDocument::removeItem(qsizetype row)
{
    QList<T> &list = listOf<T>(m_workspace);
    if (row < 0 || row >= list.size())
        return;
    list.removeAt(row);
    Q_EMIT workspaceChanged();
}

void WorkspaceDocument::replaceWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    chooseEnvironment(m_currentEnvironment);
    Q_EMIT workspaceChanged();
}

template void WorkspaceDocument::insertItem<GatewayProxy>(qsizetype, const GatewayProxy &);
template void WorkspaceDocument::insertItem<IoProject>(qsizetype, const IoProject &);
template void WorkspaceDocument::insertItem<TechnicalUser>(qsizetype, const TechnicalUser &);
template void WorkspaceDocument::insertItem<Alias>(qsizetype, const Alias &);
template void WorkspaceDocument::replaceItem<GatewayProxy>(qsizetype, const GatewayProxy &);
template void WorkspaceDocument::replaceItem<IoProject>(qsizetype, const IoProject &);
template void WorkspaceDocument::replaceItem<TechnicalUser>(qsizetype, const TechnicalUser &);
template void WorkspaceDocument::replaceItem<Alias>(qsizetype, const Alias &);
template void WorkspaceDocument::removeItem<GatewayProxy>(qsizetype);
template void WorkspaceDocument::removeItem<IoProject>(qsizetype);
template void WorkspaceDocument::removeItem<TechnicalUser>(qsizetype);
template void WorkspaceDocument::removeItem<Alias>(qsizetype);

} // namespace gw
