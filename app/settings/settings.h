// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QStringList>

namespace gw {

/// The console's preferences, typed, over a private QSettings (INI file). Only
/// non-secret state lives here: recent workspaces, window layout, the last environment.
/// Secrets go to the keychain through SecretStore, never here.
class Settings : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxRecentFiles = 8;

    /// `filePath` defaults to `<AppConfigLocation>/gatewright.ini` (honours
    /// QStandardPaths::setTestModeEnabled, so tests never touch the user's file).
    explicit Settings(const QString &filePath = defaultFilePath(), QObject *parent = nullptr);
    static QString defaultFilePath();

    QString filePath() const;

    /// Most recent first, absolute paths, at most MaxRecentFiles.
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);
    void clearRecentFiles();
    /// The workspace to reopen at start-up: the most recent one.
    QString lastWorkspace() const;

    QString lastEnvironment() const;
    void setLastEnvironment(const QString &name);

    /// The advisor's password rotation interval in days (default 90), for its cost figures.
    int rotationIntervalDays() const;
    void setRotationIntervalDays(int days);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);

    void sync();

Q_SIGNALS:
    void recentFilesChanged();

private:
    void setRecentFiles(const QStringList &files);

    QSettings m_settings;
};

} // namespace gw
