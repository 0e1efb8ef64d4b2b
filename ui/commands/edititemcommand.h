// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemtraits.h"
#include "workspacedocument.h"

#include <QUndoCommand>

namespace gw {

/// Replaces the item at `row` of its list; undo puts the previous value back.
template<typename T> class EditItemCommand : public QUndoCommand
{
public:
    EditItemCommand(WorkspaceDocument &document, qsizetype row, const T &after, QUndoCommand *parent = nullptr)
        : QUndoCommand(parent)
        , m_document(document)
        , m_row(row)
        , m_before(ItemTraits<T>::list(document.workspace()).value(row))
        , m_after(after)
    {
        setText(QCoreApplication::translate("gw::EditItemCommand", "Edit %1").arg(ItemTraits<T>::describe(m_before)));
    }

    void redo() override { m_document.replaceItem<T>(m_row, m_after); }
    void undo() override { m_document.replaceItem<T>(m_row, m_before); }

private:
    WorkspaceDocument &m_document;
    qsizetype m_row;
    T m_before;
    T m_after;
};

} // namespace gw
