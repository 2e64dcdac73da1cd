/* Navet: Wagtail's start-up calls without inline script, for the admin's
   Content-Security-Policy (navet/web/csp.py). Where Wagtail writes
   <script>initDateChooser("id", {...})</script>, Navet writes the call as JSON in
   <script type="application/json" data-controller="navet-init"> and this Stimulus
   controller makes it when the element appears: on page load, and in the HTML that
   modals and inline panels insert later. Only Wagtail's own initialisers can be called. */
(() => {
  const CONSTRUCTORS = [
    'InlinePanel',
    'MultipleChooserPanel',
    'Chooser',
    'PageChooser',
    'ImageChooser',
    'DocumentChooser',
    'SnippetChooser',
  ];
  const FUNCTIONS = [
    'initDateChooser',
    'initTimeChooser',
    'initDateTimeChooser',
    'createTaskChooser',
  ];

  class DeferredInitController extends window.StimulusModule.Controller {
    connect() {
      // Once only, as an inline script runs once: moving the element (reordering an
      // inline panel's children) must not start its widget again.
      this.element.removeAttribute('data-controller');
      const call = JSON.parse(this.element.textContent);
      const allowed = call.new ? CONSTRUCTORS : FUNCTIONS;
      const target = window[call.function];
      if (!allowed.includes(call.function) || typeof target !== 'function') {
        throw new Error(`navet-init cannot call ${call.function}`);
      }
      if (call.new) {
        new target(...call.args);
      } else {
        target(...call.args);
      }
    }
  }

  window.wagtail.app.register('navet-init', DeferredInitController);
})();
