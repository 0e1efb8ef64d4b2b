// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/secretpromptdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <optional>

using namespace gw;

namespace {

SecretPromptRequest request(bool canRemember, const QString &note = {})
{
    const SecretKey key = SecretKey::alias(QStringLiteral("sandbox"), QStringLiteral("io-orders-basic"));
    return {key, key.describe(), note, canRemember};
}

} // namespace

class TestSecretPromptDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asksForTheNamedSecretHidden();
    void rememberOnlyWithAKeychain_data();
    void rememberOnlyWithAKeychain();
    void askAnswersOnceAndClearsTheField();
    void cancelAnswersNotAccepted();
    void closingTheWindowAnswersNotAccepted();
};

void TestSecretPromptDialog::asksForTheNamedSecretHidden()
{
    SecretPromptDialog dialog(request(true, QStringLiteral("The password of alias \"io-orders-basic\" (environment "
                                                           "\"sandbox\") is not stored in the keychain yet.")));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Secret needed"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("descriptionLabel"))->text(),
             QStringLiteral("Enter the password of alias \"io-orders-basic\" (environment \"sandbox\")."));
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(edit, QStringLiteral("s3cret"));
    QVERIFY(ok->isEnabled());
}

void TestSecretPromptDialog::rememberOnlyWithAKeychain_data()
{
    QTest::addColumn<bool>("canRemember");
    QTest::newRow("keychain reachable") << true;
    QTest::newRow("no keychain") << false;
}

void TestSecretPromptDialog::rememberOnlyWithAKeychain()
{
    QFETCH(bool, canRemember);
    SecretPromptDialog dialog(request(canRemember));
    auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("rememberCheckBox"));
    QCOMPARE(remember->text(), QStringLiteral("&Remember in the keychain"));
    QCOMPARE(remember->isEnabled(), canRemember);
    QVERIFY(!remember->isChecked()); // never remembered unless asked
    remember->setChecked(true);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit")), QStringLiteral("pw"));
    dialog.accept();
    const SecretPromptAnswer answer = dialog.answer();
    QVERIFY(answer.accepted);
    QCOMPARE(answer.secret, QStringLiteral("pw"));
    QCOMPARE(answer.remember, canRemember);
}

void TestSecretPromptDialog::askAnswersOnceAndClearsTheField()
{
    QWidget parent;
    parent.show();
    std::optional<SecretPromptAnswer> answer;
    int calls = 0;
    SecretPromptDialog::ask(&parent, request(true), [&](const SecretPromptAnswer &a) {
        answer = a;
        ++calls;
    });
    SecretPromptDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = parent.findChild<SecretPromptDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    QTest::keyClicks(edit, QStringLiteral("typed-value"));
    dialog->findChild<QCheckBox *>(QStringLiteral("rememberCheckBox"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(calls, 1);
    QVERIFY(answer->accepted);
    QCOMPARE(answer->secret, QStringLiteral("typed-value"));
    QVERIFY(answer->remember);
    QVERIFY(edit->text().isEmpty());
    QTRY_VERIFY(!parent.findChild<SecretPromptDialog *>()); // deleted on close
    QCOMPARE(calls, 1);
}

void TestSecretPromptDialog::cancelAnswersNotAccepted()
{
    QWidget parent;
    parent.show();
    std::optional<SecretPromptAnswer> answer;
    SecretPromptDialog::ask(&parent, request(true), [&](const SecretPromptAnswer &a) { answer = a; });
    SecretPromptDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = parent.findChild<SecretPromptDialog *>()) && dialog->isVisible());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit")), QStringLiteral("typed"));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(answer);
    QVERIFY(!answer->accepted);
    QVERIFY(answer->secret.isEmpty());
}

void TestSecretPromptDialog::closingTheWindowAnswersNotAccepted()
{
    auto *parent = new QWidget;
    parent->show();
    std::optional<SecretPromptAnswer> answer;
    int calls = 0;
    SecretPromptDialog::ask(parent, request(true), [&](const SecretPromptAnswer &a) {
        answer = a;
        ++calls;
    });
    QTRY_VERIFY(parent->findChild<SecretPromptDialog *>());
    QTest::keyClicks(parent->findChild<QLineEdit *>(QStringLiteral("secretEdit")), QStringLiteral("typed"));
    delete parent;
    QTRY_COMPARE(calls, 1);
    QVERIFY(!answer->accepted);
    QVERIFY(answer->secret.isEmpty());
    QTest::qWait(20);
    QCOMPARE(calls, 1);
}

QTEST_MAIN(TestSecretPromptDialog)
#include "tst_secretpromptdialog.moc"
