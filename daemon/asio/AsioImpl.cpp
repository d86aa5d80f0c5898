// The one translation unit holding the compiled bodies of Asio, Asio SSL and Beast.
#include <utility>

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
