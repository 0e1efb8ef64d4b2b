// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ProjectDialog;
}

namespace gw {

/// Adds or edits a webMethods.io project and its integrations. A rename is carried to the
/// proxies and technical users that name the project; an integration a proxy fronts cannot go.
class ProjectDialog : public QDialog
{
    Q_OBJECT
public:
    /// `row` is the project's index in `workspace.projects`, or -1 to add one.
    ProjectDialog(const Workspace &workspace, qsizetype row, QWidget *parent = nullptr);
    ~ProjectDialog() override;

    IoProject project() const;
    QString validationMessage() const;

private:
    void addIntegrationRow(const Integration &integration);
    void validate();

    std::unique_ptr<Ui::ProjectDialog> m_ui;
    const Workspace &m_workspace;
    qsizetype m_row;
    IoProject m_original;
};

} // namespace gw
