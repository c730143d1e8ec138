// The dialog is shared with My account; the maintenance screen's panels import it by this path.
export { ConfirmDialog } from '../../components/confirm-dialog';
