/*
 * The timeline's column of job names scrolls with its rows when more jobs than fit are shown (and sooner on a phone,
 * where names wrap). A region that scrolls must be reachable from the keyboard (WCAG 2.1.1; axe-core's
 * scrollable-region-focusable), and the chart draws that column itself, again on every poll: so whenever it appears,
 * it becomes a labelled region in the tab order, which the arrow keys then scroll.
 */
(function () {
    'use strict';
    function makeJobColumnsFocusable() {
        document.querySelectorAll('.bs-timeline .vis-panel.vis-left:not([tabindex])').forEach(function (column) {
            column.setAttribute('tabindex', '0');
            column.setAttribute('role', 'region');
            column.setAttribute('aria-label', 'Jobs');
        });
    }
    new MutationObserver(makeJobColumnsFocusable).observe(document.documentElement, {childList: true, subtree: true});
    makeJobColumnsFocusable();
}());
