// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemvalidation.h"

#include "workspacevalidator.h"

#include <QCoreApplication>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace gw::ItemValidation {

namespace {

/// "inboundAuth/scopes/1" with the label "Scopes" gives "Scopes (item 2)"; "integrations/0/path" with
/// "Integrations" gives "Integrations (row 1, path)".
QString labelled(const QString &relative, const QList<FieldLabel> &labels)
{
    const FieldLabel *best = nullptr;
    for (const FieldLabel &candidate : labels) {
        const bool matches = relative == candidate.field || relative.startsWith(candidate.field + u'/');
        if (matches && (!best || candidate.field.size() > best->field.size()))
            best = &candidate;
    }
    if (!best)
        return relative;
    const QStringList rest = relative.mid(best->field.size()).split(u'/', Qt::SkipEmptyParts);
    if (rest.isEmpty())
        return best->label;
    QStringList parts;
    for (const QString &part : rest) {
        bool number = false;
        const int index = part.toInt(&number);
        parts << (!number            ? part
                  : rest.size() == 1 ? QCoreApplication::translate("gw::ItemValidation", "item %1").arg(index + 1)
                                     : QCoreApplication::translate("gw::ItemValidation", "row %1").arg(index + 1));
    }
    return u"%1 (%2)"_s.arg(best->label, parts.join(u", "_s));
}

} // namespace

QString firstProblemAt(const Workspace &candidate, const QString &pointer, const QList<FieldLabel> &labels)
{
    const QString prefix = pointer + u'/';
    for (const WorkspaceError &error : WorkspaceValidator::validate(candidate)) {
        if (error.pointer == pointer)
            return error.message;
        if (error.pointer.startsWith(prefix))
            return labelled(error.pointer.mid(prefix.size()), labels) + u": "_s + error.message;
    }
    return {};
}

QString labelText(const QLabel *label)
{
    QString text = label->text();
    text.remove(u'&');
    while (text.endsWith(u':') || text.endsWith(u' '))
        text.chop(1);
    return text;
}

} // namespace gw::ItemValidation
