// SPDX-License-Identifier: GPL-3.0-or-later
// Status colours stay readable on light and dark palettes: WCAG contrast of at least 4.5:1 against the base and
// window colours, for each tone; and the pages take them from the palette in use (a broken inventory row on a dark
// palette is not the light palette's dark red).
#include "rowtablemodel.h"
#include "widgets/inventoryfiltermodel.h"
#include "widgets/tones.h"

#include <QApplication>
#include <QStandardItemModel>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <memory>

using namespace gw;

namespace {

double luminance(const QColor &colour)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    return palette;
}

} // namespace

class TestTones : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyToneIsReadable_data()
    {
        QTest::addColumn<QPalette>("palette");
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
        QTest::newRow("light (Fusion)") << fusion->standardPalette();
        QTest::newRow("dark") << darkPalette();
    }
    void everyToneIsReadable()
    {
        QFETCH(QPalette, palette);
        for (const Tone tone : {Tone::Good, Tone::Warning, Tone::Bad, Tone::Muted}) {
            const QColor colour = toneColour(tone, palette);
            for (const auto role : {QPalette::Base, QPalette::Window, QPalette::AlternateBase}) {
                const double ratio = contrast(colour, palette.color(role));
                QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("tone %1 on role %2: %3:1 (%4)")
                                                      .arg(int(tone))
                                                      .arg(int(role))
                                                      .arg(ratio, 0, 'f', 2)
                                                      .arg(colour.name())));
            }
        }
    }

    void aBrokenRowFollowsThePalette()
    {
        QStandardItemModel source(1, 1);
        source.setData(source.index(0, 0), QStringLiteral("InvoicesIssue"));
        source.setData(source.index(0, 0), QStringLiteral("no outbound auth"), ProblemRole);
        InventoryFilterModel filter;
        filter.setSourceModel(&source);
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        const QColor onDark = filter.data(filter.index(0, 0), Qt::ForegroundRole).value<QColor>();
        QApplication::setPalette(light);
        QVERIFY2(contrast(onDark, darkPalette().color(QPalette::Base)) >= 4.5, qPrintable(onDark.name()));
    }
};

QTEST_MAIN(TestTones)
#include "tst_tones.moc"
