// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QUndoCommand>

namespace gw {

class WorkspaceDocument;

/// Replaces the whole workspace content in one undoable step, for edits that touch several
/// lists at once (e.g. taking over a state pulled from a gateway).
class ReplaceWorkspaceCommand : public QUndoCommand
{
public:
    ReplaceWorkspaceCommand(WorkspaceDocument &document, const Workspace &after, const QString &text,
                            QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    WorkspaceDocument &m_document;
    Workspace m_before;
    Workspace m_after;
};

} // namespace gw
