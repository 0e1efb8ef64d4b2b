// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemtraits.h"
#include "workspacedocument.h"

#include <QUndoCommand>

namespace gw {

/// Removes the item at `row` of its list; undo inserts it back at the same place. References to
/// it from other items are left as they are (the caller warns first and says what breaks).
template<typename T> class RemoveItemCommand : public QUndoCommand
{
public:
    RemoveItemCommand(WorkspaceDocument &document, qsizetype row, QUndoCommand *parent = nullptr)
        : QUndoCommand(parent)
        , m_document(document)
        , m_row(row)
        , m_item(ItemTraits<T>::list(document.workspace()).value(row))
    {
        setText(QCoreApplication::translate("gw::RemoveItemCommand", "Delete %1").arg(ItemTraits<T>::describe(m_item)));
    }

    void redo() override { m_document.removeItem<T>(m_row); }
    void undo() override { m_document.insertItem<T>(m_row, m_item); }

private:
    WorkspaceDocument &m_document;
    qsizetype m_row;
    T m_item;
};

} // namespace gw
