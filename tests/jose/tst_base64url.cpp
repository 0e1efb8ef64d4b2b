// SPDX-License-Identifier: GPL-3.0-or-later
#include "jose/base64url.h"

#include <QRandomGenerator>
#include <QTest>

using namespace gw;

class TestBase64Url : public QObject
{
    Q_OBJECT

private slots:
    void encodesRfc4648Vectors_data();
    void encodesRfc4648Vectors();
    void rejectsNonCanonicalText_data();
    void rejectsNonCanonicalText();
    void roundTripsEveryLength();
};

void TestBase64Url::encodesRfc4648Vectors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("text");
    // RFC 4648 §10, without padding, plus the two characters that differ from base64.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    QTest::newRow("- and _ instead of + and /") << QByteArray("\xfb\xff", 2) << QByteArray("-_8");
}

void TestBase64Url::encodesRfc4648Vectors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, text);
    QCOMPARE(Base64Url::encode(bytes), text);
    const auto decoded = Base64Url::decode(text);
    QVERIFY(decoded);
    QCOMPARE(*decoded, bytes);
}

void TestBase64Url::rejectsNonCanonicalText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("padding") << QByteArray("Zg==");
    QTest::newRow("one padding character") << QByteArray("Zm8=");
    QTest::newRow("plus") << QByteArray("+_8");
    QTest::newRow("slash") << QByteArray("-/8");
    QTest::newRow("leading space") << QByteArray(" Zm9v");
    QTest::newRow("newline inside") << QByteArray("Zm9v\nYmFy");
    QTest::newRow("dot") << QByteArray("Zm.9v");
    QTest::newRow("NUL byte") << QByteArray("Zm9v\0", 5);
    QTest::newRow("UTF-8 letter") << QByteArray("Zm9v\xc3\xa9");
    QTest::newRow("single leftover character") << QByteArray("Zm9vY");
    QTest::newRow("non-zero unused bits after one byte") << QByteArray("Zh");
    QTest::newRow("non-zero unused bits after two bytes") << QByteArray("Zm9");
}

void TestBase64Url::rejectsNonCanonicalText()
{
    QFETCH(QByteArray, text);
    QCOMPARE(Base64Url::decode(text), std::nullopt);
}

void TestBase64Url::roundTripsEveryLength()
{
    QRandomGenerator random(4242);
    for (int length = 0; length < 300; ++length) {
        QByteArray bytes(length, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        const QByteArray text = Base64Url::encode(bytes);
        QCOMPARE(text.size(), (length * 4 + 2) / 3);
        QCOMPARE(Base64Url::decode(text).value_or(QByteArray("mismatch")), bytes);
    }
}

QTEST_GUILESS_MAIN(TestBase64Url)
#include "tst_base64url.moc"
