// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile input never crashes and never verifies: random bytes, every truncation and every one-character
// change of valid tokens, random headers that reach the signature check, and mangled JWKS documents.
// Run under the asan preset to catch memory errors the assertions cannot see.
#include "jose/base64url.h"
#include "jose/jwtverifier.h"
#include "jose/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

class TestJoseRobustness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void randomBytes();
    void everyTruncationAndSingleCharacterChange_data();
    void everyTruncationAndSingleCharacterChange();
    void randomHeadersAndSignatures();
    void mangledJwksDocuments();

private:
    QList<SigningKey> m_keys;
    JwkSet m_set;
    QRandomGenerator m_random{20261128};
};

void TestJoseRobustness::initTestCase()
{
    for (const JwsAlgorithm algorithm :
         {JwsAlgorithm::RS256, JwsAlgorithm::PS256, JwsAlgorithm::ES256, JwsAlgorithm::ES384}) {
        auto key = SigningKey::generate(algorithm);
        QVERIFY(key);
        m_keys.append(*key);
        m_set.add(key->publicKey());
    }
}

void TestJoseRobustness::randomBytes()
{
    const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    for (int i = 0; i < 3000; ++i) {
        QByteArray token(m_random.bounded(400), Qt::Uninitialized);
        const bool printable = i % 2 == 0;
        for (char &c : token)
            c = printable ? alphabet.at(m_random.bounded(alphabet.size())) : char(m_random.bounded(256));
        QVERIFY(!verifyJws(token, m_set).ok());
    }
}

void TestJoseRobustness::everyTruncationAndSingleCharacterChange_data()
{
    QTest::addColumn<int>("keyIndex");
    for (int i = 0; i < m_keys.size(); ++i)
        QTest::addRow("%s", qPrintable(JwsAlgorithms::name(m_keys.at(i).algorithm()))) << i;
}

void TestJoseRobustness::everyTruncationAndSingleCharacterChange()
{
    QFETCH(int, keyIndex);
    const QByteArray token = m_keys.at(keyIndex).sign({{u"typ"_s, u"at+jwt"_s}}, {{u"sub"_s, u"x"_s}, {u"exp"_s, 2e9}});
    QVERIFY(verifyJws(token, m_set).ok());
    for (qsizetype length = 0; length < token.size(); ++length)
        QVERIFY2(!verifyJws(token.left(length), m_set).ok(), qPrintable(QString::number(length)));
    // Strict base64url means no other string decodes to the same bytes, so every change must fail.
    const QByteArray replacements = "AQgw-_.=+/ \x80";
    for (qsizetype i = 0; i < token.size(); ++i) {
        for (const char replacement : replacements) {
            if (token.at(i) == replacement)
                continue;
            QByteArray changed = token;
            changed[i] = replacement;
            QVERIFY2(!verifyJws(changed, m_set).ok(),
                     qPrintable(u"position %1, '%2'"_s.arg(i).arg(QLatin1Char(replacement))));
        }
    }
}

void TestJoseRobustness::randomHeadersAndSignatures()
{
    // Well-formed segments with random content, so that the header checks, key lookup and the crypto all run.
    const QStringList algs{u"RS256"_s, u"PS256"_s, u"ES256"_s, u"ES384"_s, u"HS256"_s, u"none"_s, u"RS1"_s, QString()};
    for (int i = 0; i < 2000; ++i) {
        QJsonObject header{{u"alg"_s, algs.at(m_random.bounded(algs.size()))}};
        if (m_random.bounded(2))
            header.insert(u"kid"_s, m_keys.at(m_random.bounded(m_keys.size())).keyId());
        if (m_random.bounded(8) == 0)
            header.insert(u"crit"_s, QJsonArray{u"b64"_s});
        QByteArray signature(m_random.bounded(300), Qt::Uninitialized);
        for (char &c : signature)
            c = char(m_random.bounded(256));
        if (i % 3 == 0) // the exact ECDSA sizes, where R and S get converted to DER
            signature.resize(i % 2 ? 64 : 96);
        const QByteArray token = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                 Base64Url::encode(R"({"sub":"x"})") + '.' + Base64Url::encode(signature);
        const JwtResult result = verifyJwt(token, m_set, {}, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(!result.ok());
        QVERIFY(!result.errors.isEmpty());
        QVERIFY(!result.errors.first().message.isEmpty());
    }
}

void TestJoseRobustness::mangledJwksDocuments()
{
    const QByteArray jwks = m_set.toJson();
    QCOMPARE(JwkSet::fromJson(jwks).keys().size(), m_keys.size());
    for (int i = 0; i < 3000; ++i) {
        QByteArray mangled = jwks;
        const int edits = 1 + m_random.bounded(4);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = m_random.bounded(mangled.size());
            switch (m_random.bounded(3)) {
            case 0:
                mangled[at] = char(m_random.bounded(256));
                break;
            case 1:
                mangled.remove(at, 1 + m_random.bounded(40));
                break;
            default:
                mangled.insert(at, "\"AAAA\"");
                break;
            }
            if (mangled.isEmpty())
                break;
        }
        const JwkSet set = JwkSet::fromJson(mangled);
        QVERIFY(set.keys().size() <= m_keys.size());
        QVERIFY(set.error().isEmpty() || set.keys().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestJoseRobustness)
#include "tst_joserobustness.moc"
