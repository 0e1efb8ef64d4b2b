// SPDX-License-Identifier: GPL-3.0-or-later
// Interop with an independent JOSE implementation, the npm `jose` package (tests/peers/make-jose-vectors.mjs):
// its keys, JWKS and tokens must verify (or fail for the expected reason) here, and the tokens and JWKS that
// SigningKey produces must verify there, with the same RFC 7638 thumbprints.
#include "testpaths.h"

#include "jose/jwtverifier.h"
#include "jose/signingkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString Issuer = u"http://127.0.0.1:5557"_s;
const QString Audience = u"gatewright-demo-gateway"_s;
const QDateTime Now(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC);

} // namespace

class TestJoseInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void joseTokens_data();
    void joseTokens();
    void joseJwksSkipsUnusableKeys();
    void ourTokensVerifyWithJose_data();
    void ourTokensVerifyWithJose();
    void ourThumbprintsMatchJose();

private:
    QList<SigningKey> m_ourKeys;
    QJsonObject m_output;
};

void TestJoseInterop::initTestCase()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!node.isEmpty(), "Node.js (node) is needed to run the npm jose peer");
    const QString peers = QStringLiteral(GATEWRIGHT_PEERS_DIR);
    QVERIFY2(QFileInfo::exists(peers + u"/node_modules/jose/package.json"_s),
             "tests/peers/node_modules/jose is missing");

    QJsonArray tokens;
    QJsonArray keys;
    const QJsonObject claims{{u"iss"_s, Issuer},
                             {u"aud"_s, Audience},
                             {u"sub"_s, u"demo-client"_s},
                             {u"scope"_s, u"orders:read"_s},
                             {u"iat"_s, Now.toSecsSinceEpoch() - 5},
                             {u"exp"_s, Now.toSecsSinceEpoch() + 300}};
    for (const JwsAlgorithm algorithm : JwsAlgorithms::all()) {
        auto key = SigningKey::generate(algorithm); // kid = our RFC 7638 thumbprint
        QVERIFY(key);
        m_ourKeys.append(*key);
        keys.append(key->publicKey().toJson());
        tokens.append(QJsonObject{{u"name"_s, JwsAlgorithms::name(algorithm)},
                                  {u"token"_s, QString::fromLatin1(key->sign({{u"typ"_s, u"at+jwt"_s}}, claims))}});
    }
    // A check that the oracle can say no: one of our tokens with its payload swapped after signing.
    QByteArray tampered = m_ourKeys.first().sign({{u"typ"_s, u"at+jwt"_s}}, claims);
    const QByteArray otherPayload =
        m_ourKeys.first()
            .sign({}, QJsonObject{{u"iss"_s, Issuer}, {u"aud"_s, Audience}, {u"sub"_s, u"admin"_s}})
            .split('.')
            .at(1);
    const auto parts = tampered.split('.');
    tampered = parts[0] + '.' + otherPayload + '.' + parts[2];
    tokens.append(QJsonObject{{u"name"_s, u"tampered"_s}, {u"token"_s, QString::fromLatin1(tampered)}});

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile input(dir.filePath(u"input.json"_s));
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write(QJsonDocument(QJsonObject{{u"now"_s, Now.toSecsSinceEpoch()},
                                          {u"issuer"_s, Issuer},
                                          {u"audience"_s, Audience},
                                          {u"jwks"_s, QJsonObject{{u"keys"_s, keys}}},
                                          {u"tokens"_s, tokens}})
                    .toJson());
    input.close();

    QProcess process;
    process.setWorkingDirectory(peers);
    process.start(node, {peers + u"/make-jose-vectors.mjs"_s, input.fileName(), dir.filePath(u"output.json"_s)});
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());
    QFile output(dir.filePath(u"output.json"_s));
    QVERIFY(output.open(QIODevice::ReadOnly));
    m_output = QJsonDocument::fromJson(output.readAll()).object();
    QVERIFY(m_output.value(u"vectors"_s).toArray().size() >= 20);
}

void TestJoseInterop::joseTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expected");
    for (const QJsonValue &value : m_output.value(u"vectors"_s).toArray()) {
        const QJsonObject vector = value.toObject();
        QTest::addRow("%s", qPrintable(vector.value(u"name"_s).toString()))
            << vector.value(u"token"_s).toString().toLatin1() << vector.value(u"expect"_s).toString();
    }
}

void TestJoseInterop::joseTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, expected);

    const JwkSet keys = JwkSet::fromJson(QJsonDocument(m_output.value(u"jwks"_s).toObject()).toJson());
    VerifyPolicy verifyPolicy;
    verifyPolicy.requiredType = u"at+jwt"_s;
    ClaimPolicy claimPolicy;
    claimPolicy.issuer = Issuer;
    claimPolicy.audience = Audience;
    claimPolicy.requiredScopes = {u"orders:read"_s};
    const JwtResult result = verifyJwt(token, keys, verifyPolicy, claimPolicy, Now);
    if (expected == u"ok"_s) {
        QCOMPARE(result.errors, QList<JoseError>());
        QVERIFY(result.ok());
        QCOMPARE(result.jwt->claims().value(u"client_id"_s).toString(), u"demo-client"_s);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().code(), expected);
    }
}

void TestJoseInterop::joseJwksSkipsUnusableKeys()
{
    const JwkSet keys = JwkSet::fromJson(QJsonDocument(m_output.value(u"jwks"_s).toObject()).toJson());
    QCOMPARE(keys.error(), QString());
    QCOMPARE(keys.keys().size(), 7);
    const QStringList skipped = keys.skippedKeys();
    QCOMPARE(
        skipped,
        QStringList(
            {u"key \"jose-enc\": \"use\" is \"enc\", not \"sig\""_s,
             u"key \"jose-p521\": algorithm ES512 is not supported (supported: RS256, RS384, RS512, PS256, ES256, ES384)"_s,
             u"key \"jose-rsa-1024\": the RSA key has 1024 bits; at least 2048 are required"_s,
             u"key \"jose-oct\": key type \"oct\" is not supported (supported: RSA, EC)"_s}));
}

void TestJoseInterop::ourTokensVerifyWithJose_data()
{
    QTest::addColumn<QJsonObject>("result");
    QTest::addColumn<bool>("expected");
    for (const QJsonValue &value : m_output.value(u"ours"_s).toArray()) {
        const QJsonObject result = value.toObject();
        const QString name = result.value(u"name"_s).toString();
        QTest::addRow("%s", qPrintable(name)) << result << (name != u"tampered"_s);
    }
}

void TestJoseInterop::ourTokensVerifyWithJose()
{
    QFETCH(QJsonObject, result);
    QFETCH(bool, expected);
    QVERIFY2(result.value(u"verified"_s).toBool() == expected, qPrintable(result.value(u"error"_s).toString()));
    if (expected) {
        QCOMPARE(result.value(u"alg"_s).toString(), result.value(u"name"_s).toString());
        QCOMPARE(result.value(u"claims"_s).toObject().value(u"sub"_s).toString(), u"demo-client"_s);
    } else {
        QVERIFY(result.value(u"error"_s).toString().contains(u"ERR_JWS_SIGNATURE_VERIFICATION_FAILED"_s));
    }
}

void TestJoseInterop::ourThumbprintsMatchJose()
{
    const QJsonObject thumbprints = m_output.value(u"thumbprints"_s).toObject();
    QCOMPARE(thumbprints.size(), m_ourKeys.size());
    for (const SigningKey &key : m_ourKeys) {
        QCOMPARE(key.keyId(), key.publicKey().thumbprint());
        QCOMPARE(thumbprints.value(key.keyId()).toString(), key.keyId());
    }
}

QTEST_GUILESS_MAIN(TestJoseInterop)
#include "tst_joseinterop.moc"
