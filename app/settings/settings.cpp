// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace gw {

namespace {
const auto RecentFilesKey = u"workspace/recentFiles"_s;
const auto LastEnvironmentKey = u"workspace/lastEnvironment"_s;
const auto GeometryKey = u"mainWindow/geometry"_s;
const auto RotationKey = u"advisor/rotationIntervalDays"_s;
const auto StateKey = u"mainWindow/state"_s;
} // namespace

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(filePath, QSettings::IniFormat)
{}

QString Settings::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/gatewright.ini"_s;
}

QString Settings::filePath() const
{
    return m_settings.fileName();
}

QStringList Settings::recentFiles() const
{
    return m_settings.value(RecentFilesKey).toStringList();
}

void Settings::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    setRecentFiles(files);
}

void Settings::removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    if (files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        setRecentFiles(files);
}

void Settings::clearRecentFiles()
{
    setRecentFiles({});
}

QString Settings::lastWorkspace() const
{
    return recentFiles().value(0);
}

int Settings::rotationIntervalDays() const
{
    bool ok = false;
    const int days = m_settings.value(RotationKey, 90).toInt(&ok);
    return ok && days >= 1 && days <= 3650 ? days : 90;
}

void Settings::setRotationIntervalDays(int days)
{
    m_settings.setValue(RotationKey, days);
}

QString Settings::lastEnvironment() const
{
    return m_settings.value(LastEnvironmentKey).toString();
}

void Settings::setLastEnvironment(const QString &name)
{
    m_settings.setValue(LastEnvironmentKey, name);
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings.value(GeometryKey).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(GeometryKey, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings.value(StateKey).toByteArray();
}

void Settings::setMainWindowState(const QByteArray &state)
{
    m_settings.setValue(StateKey, state);
}

void Settings::sync()
{
    m_settings.sync();
}

void Settings::setRecentFiles(const QStringList &files)
{
    if (files.isEmpty())
        m_settings.remove(RecentFilesKey);
    else
        m_settings.setValue(RecentFilesKey, files);
    Q_EMIT recentFilesChanged();
}

} // namespace gw
