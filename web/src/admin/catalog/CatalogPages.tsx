/** The catalog's staff pages under /admin/catalog, loaded only when a staff member opens them. */
import { Route, Routes } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { CatalogItemsPage } from './CatalogItemsPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { ItemPage } from './ItemPage.tsx';
import { ReviewRulesPage } from './ReviewRulesPage.tsx';
import { VersionPage } from './VersionPage.tsx';
import '../../catalog/catalog.css';

export default function CatalogPages() {
  const { can } = useAuth();
  return (
    <Routes>
      <Route index element={<CatalogItemsPage />} />
      {can('catalog:edit') && <Route path="import" element={<ImportPage />} />}
      <Route path=":id" element={<ItemPage />} />
      <Route path=":id/versions/:number" element={<VersionPage />} />
      <Route path=":id/versions/:number/review-rules" element={<ReviewRulesPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
