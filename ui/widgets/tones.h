// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QString>

namespace gw {

/// The few status colours the console uses (verified, warning, broken, muted), chosen for the palette in use so
/// that they stay readable on a dark one as on a light one (at least 4.5:1 against the base colour).
enum class Tone { Good, Warning, Bad, Muted };

inline bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

inline QColor toneColour(Tone tone, const QPalette &palette = QGuiApplication::palette())
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Good:
        return dark ? QColor(0x7f, 0xd8, 0x9a) : QColor(0x14, 0x6c, 0x31);
    case Tone::Warning:
        return dark ? QColor(0xf0, 0xb4, 0x50) : QColor(0x8a, 0x53, 0x00);
    case Tone::Bad:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
    case Tone::Muted:
        return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x5f, 0x5f, 0x5f);
    }
    return palette.color(QPalette::Text);
}

/// "color:#rrggbb", for rich-text labels.
inline QString toneStyle(Tone tone, const QPalette &palette = QGuiApplication::palette())
{
    return QStringLiteral("color:") + toneColour(tone, palette).name();
}

} // namespace gw
