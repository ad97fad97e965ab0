import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/eol-base-image", {
  valid: [
    { code: "FROM debian:bookworm-slim\n" },
    { code: "FROM python:3.13-slim\n" },
    { code: "FROM node:22-alpine3.22\n" },
    { code: "FROM ubuntu:24.04\n" },
    { name: "untagged images are judged by latest-tag, not here", code: "FROM python\n" },
    { name: "python 3.80 is not 3.8", code: "FROM python:3.80\n" },
    { name: "not yet end-of-life on the date", code: "FROM node:20-alpine\n", now: new Date("2026-04-29T00:00:00Z") },
    { name: "third-party image with a version-like tag", code: "FROM myorg/python:3.7\n" },
    { name: "scratch and stages", code: "FROM golang:1.25 AS build\nFROM scratch\n" },
  ],
  invalid: [
    {
      code: "FROM python:3.7-slim-buster\n",
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 28,
          severity: "warning",
          message:
            'base image python:3.7-slim-buster is end-of-life: Debian 10 "buster" (support ended 2024-06-30), Python 3.7 (support ended 2023-06-27); it gets no more security fixes, move to a supported version',
        },
      ],
    },
    { code: "FROM debian:stretch\n", errors: [{ line: 1, message: /Debian 9 "stretch" \(support ended 2022-06-30\)/ }] },
    { code: "FROM debian:10-slim\n", errors: [{ line: 1, message: /Debian 10 "buster"/ }] },
    { code: "FROM ubuntu:18.04\n", errors: [{ line: 1, message: /Ubuntu 18.04 \(bionic\) \(support ended 2023-05-31\)/ }] },
    { code: "FROM ubuntu:focal-20240530\n", errors: [{ line: 1, message: /Ubuntu 20.04 \(focal\)/ }] },
    { code: "FROM centos:7\n", errors: [{ line: 1, message: /CentOS Linux 7 \(support ended 2024-06-30\)$|CentOS Linux 7 \(support ended 2024-06-30\);/ }] },
    { name: "untagged centos is CentOS 8", code: "FROM centos\n", errors: [{ line: 1, message: /CentOS Linux 8 \(support ended 2021-12-31\)/ }] },
    { code: "FROM node:18-alpine3.16\n", errors: [{ line: 1, message: /Alpine Linux 3.16 \(support ended 2024-05-23\), Node.js 18 \(support ended 2025-04-30\)/ }] },
    { name: "node codename", code: "FROM node:gallium-slim\n", errors: [{ line: 1, message: /Node.js 16/ }] },
    { code: "FROM alpine:3.18.4\n", errors: [{ line: 1, message: /Alpine Linux 3.18 \(support ended 2025-05-09\)/ }] },
    { code: "FROM golang:1.21-bookworm AS build\nFROM scratch\n", errors: [{ line: 1, message: /Go 1.21 \(support ended 2024-08-13\)/ }] },
    { code: "FROM openjdk:11-jre-slim\n", errors: [{ line: 1, message: /the deprecated openjdk image/ }] },
    { name: "Python 2", code: "FROM python:2.7.18-alpine\n", errors: [{ line: 1, message: /Python 2 \(support ended 2020-01-01\)/ }] },
    { name: "ARG-resolved", code: "ARG PY=3.8\nFROM python:${PY}-slim\n", errors: [{ line: 2, message: /^base image python:\$\{PY\}-slim \(= python:3.8-slim\) is end-of-life: Python 3.8/ }] },
    { name: "through a mirror", code: "FROM public.ecr.aws/docker/library/node:16\n", errors: [{ line: 1, message: /Node.js 16/ }] },
    { name: "third-party image on an end-of-life distribution", code: "FROM circleci/node:14-buster\n", errors: [{ line: 1, message: /Debian 10 "buster"/ }] },
    { name: "judged against the given date", code: "FROM node:20-alpine\n", now: new Date("2026-05-01T00:00:00Z"), errors: [{ line: 1, message: /Node.js 20 \(support ended 2026-04-30\)/ }] },
  ],
});
