// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace gw {

/// Turns SIGINT and SIGTERM into a Qt signal: the C handler only writes the signal number to a
/// socket pair (async-signal-safe); a QSocketNotifier reads it on the event loop. One watcher at a
/// time: while it lives the signals no longer end the process, and its destructor restores that.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    /// False when the socket pair could not be made or another watcher is alive: the signals keep their default.
    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace gw
