/* The `neon` contender (benches/peers/src/contenders.rs): neon's own 207 parser
 * (ne_207.h: an ne_xml parser over libxml2 or expat, with the 207 handler and, pushed after
 * it, a handler for the properties, as neon's ne_props.c builds its PROPFIND parse), fed a
 * whole body in one call. It counts responses, properties (the children of each DAV:prop,
 * their namespace and name read) and the status codes of responses and propstats, and
 * sums the length of every property's character data (neon hands it out unescaped). */
#include <stddef.h>
#include <string.h>

#include <ne_207.h>
#include <ne_uri.h>
#include <ne_xml.h>

struct ms_neon_counts {
    size_t responses;
    size_t properties;
    size_t status_sum;
    size_t names;
    size_t values;
};

/* The state of a property element (above neon's own 207 states). */
#define STATE_PROPERTY 1000

static void *start_response(void *ud, const ne_uri *uri) {
    struct ms_neon_counts *c = ud;
    (void)uri;
    c->responses++;
    return c;
}

/* A response's or a propstat's status code, if it has one. */
static void add_status(void *ud, const ne_status *status) {
    struct ms_neon_counts *c = ud;
    if (status) c->status_sum += (size_t)status->code;
}

static void end_response(void *ud, void *response, const ne_status *status, const char *desc) {
    (void)response;
    (void)desc;
    add_status(ud, status);
}

static void *start_propstat(void *ud, void *response) {
    (void)response;
    return ud;
}

static void end_propstat(void *ud, void *propstat, const ne_status *status, const char *desc) {
    (void)propstat;
    (void)desc;
    add_status(ud, status);
}

/* A child of DAV:prop is a property; anything inside one is declined (neon then ignores it
 * and its children). */
static int prop_start(void *ud, int parent, const char *nspace, const char *name, const char **atts) {
    struct ms_neon_counts *c = ud;
    (void)atts;
    if (parent != NE_207_STATE_PROP) return NE_XML_DECLINE;
    c->properties++;
    c->names += strlen(name) + (size_t)(nspace != NULL && strcmp(nspace, "DAV:") == 0);
    return STATE_PROPERTY;
}

static int prop_cdata(void *ud, int state, const char *cdata, size_t len) {
    struct ms_neon_counts *c = ud;
    (void)cdata;
    if (state == STATE_PROPERTY) c->values += len;
    return 0;
}

static int prop_end(void *ud, int state, const char *nspace, const char *name) {
    (void)ud;
    (void)state;
    (void)nspace;
    (void)name;
    return 0;
}

/* Parses `body`: 0 and the counts, or -1 and neon's error message in `err`. */
int ms_neon_parse(const char *body, size_t len, struct ms_neon_counts *out, char *err, size_t err_len) {
    ne_uri base;
    memset(out, 0, sizeof *out);
    if (ne_uri_parse("http://localhost/", &base) != 0) return -1;
    ne_xml_parser *xml = ne_xml_create();
    ne_207_parser *p207 = ne_207_create(xml, &base, out);
    ne_207_set_response_handlers(p207, start_response, end_response);
    ne_207_set_propstat_handlers(p207, start_propstat, end_propstat);
    ne_xml_push_handler(xml, prop_start, prop_cdata, prop_end, out);
    int failed = ne_xml_parse(xml, body, len);
    if (failed == 0) failed = ne_xml_parse(xml, NULL, 0);
    if (failed != 0 && err_len > 0) {
        strncpy(err, ne_xml_get_error(xml), err_len - 1);
        err[err_len - 1] = '\0';
    }
    ne_207_destroy(p207);
    ne_xml_destroy(xml);
    ne_uri_free(&base);
    return failed != 0 ? -1 : 0;
}
